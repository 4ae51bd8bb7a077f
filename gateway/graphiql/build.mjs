// Bundles GraphiQL (app.js, React included) into dist/graphiql/graphiql.js and graphiql.css, which the gateway
// serves at /graphql to browsers. Run by the gateway's `npm run build`; the output ships in the package's dist/.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const graphiqlOutDir = fileURLToPath(new URL('../dist/graphiql/', import.meta.url));

export async function buildGraphiql(outdir = graphiqlOutDir) {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: { graphiql: fileURLToPath(new URL('./app.js', import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    outdir,
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildGraphiql();
