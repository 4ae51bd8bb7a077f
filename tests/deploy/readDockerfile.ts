/** One instruction of a Dockerfile: `COPY --from=build a b` is `{ instruction: 'COPY', args: '--from=build a b' }`. */
export interface DockerInstruction {
  instruction: string;
  args: string;
}

/** A build stage: what follows one `FROM`, with the `ARG`s and `ENV`s it declares resolved. */
export interface DockerStage {
  from: string;
  name?: string;
  instructions: DockerInstruction[];
  /** `ENV` of the stage, with `${ARG}` references substituted. */
  env: Record<string, string>;
}

const substitute = (text: string, values: Record<string, string | undefined>) =>
  text.replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, bare: string | undefined) => {
    const value = values[braced ?? bare ?? ''];
    return value === undefined ? match : value;
  });

/**
 * Reads a Dockerfile into its stages (line continuations joined, comments and the parser directive left out), with
 * `buildArgs` (compose's `build.args`) given to the `ARG`s they name, as `docker build --build-arg` does. Covers the
 * instructions Switchyard's Dockerfiles use; `ENV` is read in its `KEY=value …` form.
 */
export function readDockerfile(text: string, buildArgs: Record<string, string> = {}): DockerStage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const globalArgs: Record<string, string | undefined> = {};
  const stages: DockerStage[] = [];
  let args: Record<string, string | undefined> = {};
  for (const line of lines) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const upper = instruction.toUpperCase();
    const raw = rest.join(' ');
    const stage = stages[stages.length - 1];
    if (upper === 'FROM') {
      const [image = '', as, name] = substitute(raw, globalArgs).split(/\s+/);
      stages.push({ from: image, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [], env: {} });
      args = {};
      continue;
    }
    if (upper === 'ARG') {
      const [name = '', defaultValue] = raw.split('=');
      const value = buildArgs[name] ?? defaultValue ?? (stage ? globalArgs[name] : undefined);
      if (stage) args[name] = value;
      else globalArgs[name] = value;
      continue;
    }
    if (!stage) throw new Error(`${upper} before FROM`);
    const resolved = upper === 'RUN' || upper === 'CMD' || upper === 'HEALTHCHECK' ? raw : substitute(raw, args);
    if (upper === 'ENV') {
      for (const pair of resolved.match(/\w+=("[^"]*"|\S+)/g) ?? []) {
        const [key = '', ...value] = pair.split('=');
        stage.env[key] = value.join('=').replace(/^"|"$/g, '');
      }
    }
    stage.instructions.push({ instruction: upper, args: upper === 'RUN' ? substitute(raw, args) : resolved });
  }
  return stages;
}

/** The JSON array of an exec-form `CMD` or `HEALTHCHECK … CMD`. */
export function execForm(args: string): string[] {
  const start = args.indexOf('[');
  if (start === -1) throw new Error(`not in exec form: ${args}`);
  return JSON.parse(args.slice(start));
}
