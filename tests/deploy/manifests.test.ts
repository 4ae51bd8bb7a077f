import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DockerStage, execForm } from './readDockerfile';
import {
  type ComposeFile,
  type ComposeService,
  chartValues,
  fileExists,
  generateKeys,
  type K8sObject,
  readCompose,
  readServiceDockerfile,
  renderSwitchyardChart,
  repoPath,
} from './readManifests';
import { type ServiceModel, serviceModels, settingOf } from './serviceModels';

/**
 * Every manifest of deploy/ against the services' own code: each variable a setting its config reads, the config
 * loading from what the manifest gives it (so a required setting missing or a bad value fails here), ports and probe
 * paths those the service serves, credentials from Secrets, images built from the package's compiled entry.
 * Docker and Helm are not needed: compose.yaml is read with compose's interpolation, the chart rendered by
 * renderChart (the Go template subset it uses), the Dockerfiles read instruction by instruction.
 */

const SUBGRAPHS = ['accounts', 'catalog', 'suppliers', 'orders'];
const dockerfileOf = (service: string) =>
  SUBGRAPHS.includes(service) ? 'deploy/subgraph/Dockerfile' : `deploy/${service}/Dockerfile`;

const readJson = (path: string) => JSON.parse(readFileSync(repoPath(path), 'utf8'));

/** Workspace directory of each `@switchyard/*` package, from the root package.json's workspaces. */
const workspaceDirs = new Map<string, string>(
  (readJson('package.json').workspaces as string[]).map((dir) => [readJson(`${dir}/package.json`).name, dir]),
);

/** The workspace packages `dir` needs at run time (its dependencies, not its development ones), transitively. */
function runtimeWorkspaces(dir: string, seen = new Set<string>()): Set<string> {
  for (const name of Object.keys(readJson(`${dir}/package.json`).dependencies ?? {})) {
    const depDir = workspaceDirs.get(name);
    if (!depDir || seen.has(depDir)) continue;
    seen.add(depDir);
    runtimeWorkspaces(depDir, seen);
  }
  return seen;
}

/** The files a package's users run: its bins and its `start` script's entry. */
function entryFiles(dir: string): string[] {
  const pkg = readJson(`${dir}/package.json`);
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
  const start = /^node\s+(\S+)/.exec(pkg.scripts?.start ?? '')?.[1];
  return [...bins.map(String), ...(start ? [start] : [])].map((file) => `${dir}/${file.replace(/^\.\//, '')}`);
}

/** What is wrong with a service's Dockerfile, read with `buildArgs`: empty when nothing is. */
function dockerfileProblems(model: ServiceModel, stages: DockerStage[]): string[] {
  const problems: string[] = [];
  const build = stages[0];
  const runtime = stages[stages.length - 1];
  if (!build || !runtime || stages.length < 2) return ['not multi-stage: a build stage and a runtime stage'];
  const runs = (stage: DockerStage) => stage.instructions.filter((i) => i.instruction === 'RUN').map((i) => i.args);
  if (!runs(build).some((run) => run.includes(`turbo run build --filter=${model.packageName}...`)))
    problems.push(`the build stage does not build ${model.packageName} and its workspaces`);
  if (!runs(runtime).some((run) => run.includes(`npm ci --omit=dev --workspace=${model.packageName}`)))
    problems.push(`the runtime stage does not install only ${model.packageName}'s production dependencies`);
  const copied = runtime.instructions
    .filter((i) => i.instruction === 'COPY' && i.args.startsWith(`--from=${build.name}`))
    .map((i) => i.args.split(/\s+/)[1]?.replace(/^\/src\//, ''));
  const pkg = readJson(`${model.packageDir}/package.json`);
  const assets = (pkg.files ?? [])
    .filter((file: string) => !file.startsWith('!'))
    .map((file: string) => `${model.packageDir}/${file.split('/')[0]}`);
  const drizzle = fileExists(`${model.packageDir}/drizzle`) ? [`${model.packageDir}/drizzle`] : [];
  for (const dir of [model.packageDir, ...runtimeWorkspaces(model.packageDir)]) {
    for (const path of [`${dir}/package.json`, `${dir}/dist`])
      if (!copied.includes(path)) problems.push(`the runtime stage does not copy ${path}`);
  }
  for (const path of new Set([...assets, ...drizzle]))
    if (!copied.includes(path)) problems.push(`the runtime stage does not copy ${path}`);
  const user = runtime.instructions.findLast((i) => i.instruction === 'USER')?.args;
  if (!user || user === 'root' || user === '0') problems.push('the runtime stage runs as root');
  const cmd = runtime.instructions.findLast((i) => i.instruction === 'CMD');
  const script = cmd ? execForm(cmd.args).find((arg) => arg.endsWith('.js')) : undefined;
  const links = new Map(
    runs(runtime).flatMap((run) =>
      [...run.matchAll(/ln -s "?([^"\s]+)"? "?([^"\s&]+)"?/g)].map((m) => [m[2] ?? '', m[1] ?? ''] as const),
    ),
  );
  const entry = script ? (links.get(script) ?? script) : undefined;
  if (!entry || !entryFiles(model.packageDir).includes(entry))
    problems.push(`CMD runs ${entry}, not one of ${entryFiles(model.packageDir).join(', ')}`);
  const healthcheck = runtime.instructions.find((i) => i.instruction === 'HEALTHCHECK')?.args ?? '';
  if (!healthcheck.includes(`'${model.probes.health}'`) || !healthcheck.includes('process.env.PORT'))
    problems.push(`HEALTHCHECK does not ask ${model.probes.health} on PORT`);
  return problems;
}

const runtimeStage = (stages: DockerStage[]): DockerStage => {
  const stage = stages[stages.length - 1];
  if (!stage) throw new Error('no stage');
  return stage;
};
const exposed = (stage: DockerStage) =>
  stage.instructions.filter((i) => i.instruction === 'EXPOSE').map((i) => Number(i.args.split('/')[0]));

/** The names in `env` that are no setting of `model`. */
const unknownSettings = (model: ServiceModel, env: Record<string, unknown>) =>
  Object.keys(env).filter((name) => settingOf(model, name) === undefined);
const missingSettings = (model: ServiceModel, env: Record<string, unknown>) =>
  model.deploymentSettings.filter((setting) => !Object.keys(env).some((name) => settingOf(model, name) === setting));

/** Absolute paths inside a setting's value (a key file, or the paths in SUBGRAPH_SERVICE_KEYS' JSON). */
const pathsIn = (value: string) => value.match(/(?<![\w:])\/[\w./-]+\.pem/g) ?? [];

let keys: ReturnType<typeof generateKeys>;
beforeAll(() => {
  keys = generateKeys();
});
afterAll(() => {
  rmSync(keys.dir, { recursive: true, force: true });
});

describe('deploy/compose.yaml', () => {
  const variables = {
    POSTGRES_PASSWORD: 'compose-test-password',
    REDIS_PASSWORD: 'compose-test-redis-password',
    SWITCHYARD_ADMIN_TOKEN: 'sy_compose_admin_0123456789',
  };
  const { raw, interpolated } = readCompose(variables);
  const services: ComposeFile['services'] = interpolated.services;
  const envOf = (service: ComposeService) =>
    Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]));
  const stagesOf = (name: string, service: ComposeService) =>
    readServiceDockerfile(service.build?.dockerfile ?? dockerfileOf(name), service.build?.args ?? {});
  /** What the container sees: the image's ENV, then compose's environment. */
  const containerEnv = (name: string, service: ComposeService) => ({
    ...runtimeStage(stagesOf(name, service)).env,
    ...envOf(service),
  });

  it('refuses to start without its secrets, as compose does', () => {
    expect(() => readCompose({ ...variables, SWITCHYARD_ADMIN_TOKEN: '' })).toThrow('SWITCHYARD_ADMIN_TOKEN');
    expect(() => readCompose({ ...variables, REDIS_PASSWORD: '' })).toThrow('REDIS_PASSWORD');
  });

  it('runs PostgreSQL, Redis, two registries, three gateways and the four demo subgraphs', () => {
    expect(services.postgres?.image).toMatch(/^postgres:/);
    expect(services.redis?.image).toMatch(/^redis:/);
    expect(services.registry?.deploy?.replicas).toBe(2);
    expect(services.gateway?.deploy?.replicas).toBe(3);
    for (const name of Object.keys(serviceModels)) {
      expect(services[name]?.image, name).toBe(`switchyard/${serviceModels[name]?.image}:local`);
      expect(services[name]?.build?.dockerfile, name).toBe(dockerfileOf(name));
      expect(services[name]?.build?.context, name).toBe('..');
    }
    const dependencies = Object.values(services).flatMap((service) => Object.keys(service.depends_on ?? {}));
    expect(dependencies.filter((name) => !services[name])).toEqual([]);
  });

  describe.each(Object.entries(serviceModels))('%s', (name, model) => {
    const service = services[name] ?? {};
    const rawEnv = raw.services[name]?.environment ?? {};

    it('builds a non-root multi-stage image of the compiled package, with HEALTHCHECK on its health path', () => {
      expect(dockerfileProblems(model, stagesOf(name, service))).toEqual([]);
    });

    it('sets only settings the service reads, every one a deployment needs, and its config loads from them', () => {
      const env = containerEnv(name, service);
      expect(unknownSettings(model, envOf(service))).toEqual([]);
      expect(missingSettings(model, env)).toEqual([]);
      expect(() => model.load(env)).not.toThrow();
    });

    it('listens, exposes and publishes one port, the one its config reads', () => {
      const { port } = model.load(containerEnv(name, service));
      expect(exposed(runtimeStage(stagesOf(name, service)))).toEqual([port]);
      for (const mapping of service.ports ?? []) expect(Number(mapping.split(':').pop())).toBe(port);
    });

    it('takes credentials from variables or key files, never literals, and every key file from the keys job', () => {
      const literal = model.secretSettings.filter((setting) => {
        const value = rawEnv[setting];
        return value !== undefined && !String(value).includes('${') && pathsIn(String(value)).length === 0;
      });
      expect(literal).toEqual([]);
      const keyPaths = Object.values(envOf(service)).flatMap(pathsIn);
      if (keyPaths.length > 0) expect(service.volumes).toContain('keys:/keys:ro');
      expect(keyPaths.filter((path) => !keys.files.includes(path.replace(/^\/keys\//, '')))).toEqual([]);
    });
  });

  it('wires the gateways to the registries, orders to catalog and suppliers, on the ports they listen on', () => {
    const portOf = (name: string) => {
      const service = services[name];
      const model = serviceModels[name];
      if (!service || !model) throw new Error(`no service ${name}`);
      return model.load(containerEnv(name, service)).port;
    };
    const target = (url: string | undefined) => {
      const { hostname, port } = new URL(url ?? '');
      return { host: hostname, port: Number(port) };
    };
    const gateway = envOf(services.gateway ?? {});
    expect(target(gateway.REGISTRY_URL)).toEqual({ host: 'registry', port: portOf('registry') });
    const orders = envOf(services.orders ?? {});
    expect(target(orders.CATALOG_URL)).toEqual({ host: 'catalog', port: portOf('catalog') });
    expect(target(orders.SUPPLIERS_URL)).toEqual({ host: 'suppliers', port: portOf('suppliers') });
    expect(gateway.GRAPH).toBe('switchyard');
  });

  it('publishes every demo subgraph at its service and port, from a checked-in schema, to hosts the registry allows', () => {
    const script = [services.publish?.command ?? []].flat().join('\n');
    const published = (/for subgraph in ([^;]+);/.exec(script)?.[1] ?? '').trim().split(/\s+/);
    const expected = SUBGRAPHS.map((name) => {
      const service = services[name] ?? {};
      return `${name}:${serviceModels[name]?.load(containerEnv(name, service)).port}`;
    });
    expect([...published].sort()).toEqual([...expected].sort());
    for (const name of SUBGRAPHS) expect(fileExists(`schemas/${name}.graphql`), name).toBe(true);
    expect(script).toContain('--schema "/schemas/$name.graphql" --url "http://$subgraph/graphql"');
    expect(services.publish?.volumes).toContain('../schemas:/schemas:ro');
    const allowed = envOf(services.registry ?? {}).ROUTING_URL_ALLOWED_HOSTS?.split(',');
    expect(allowed).toEqual(expect.arrayContaining(SUBGRAPHS));
  });
});

describe('deploy/helm/switchyard', () => {
  const release = 'sy';
  let objects: K8sObject[];
  const secretValues = () => ({
    adminToken: 'sy_helm_admin_token_0123456789',
    registryDatabaseUrl: 'postgres://registry:pw@postgres.example:5432/switchyard',
    subgraphsDatabaseUrl: 'postgres://subgraphs:pw@postgres.example:5432/switchyard',
    redisUrl: 'redis://redis.example:6379',
    gatewayRegistryToken: 'sy_read_token_0123456789',
    gatewayUsageToken: 'sy_report_token_0123456789',
    apiKeys: JSON.stringify([{ key: 'k'.repeat(32), client: 'ios-app' }]),
    gatewaySigningKey: keys.read('gateway.key.pem'),
    gatewayPublicKey: keys.read('gateway.pub.pem'),
    ordersSigningKey: keys.read('orders.key.pem'),
    ordersPublicKey: keys.read('orders.pub.pem'),
  });
  beforeAll(() => {
    objects = renderSwitchyardChart({ secrets: secretValues() }, release);
  });
  const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const named = (kind: string, name: string) => ofKind(kind).find((object) => object.metadata.name === name);

  interface Container {
    name: string;
    image: string;
    ports: { name?: string; containerPort: number }[];
    env: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
    volumeMounts?: { name: string; mountPath: string }[];
    readinessProbe?: { httpGet: { path: string; port: string | number } };
    livenessProbe?: { httpGet: { path: string; port: string | number } };
  }
  interface PodSpec {
    containers: Container[];
    securityContext?: { runAsNonRoot?: boolean };
    volumes?: { name: string; secret?: { secretName: string; items?: { key: string; path: string }[] } }[];
  }
  const podOf = (deployment: K8sObject): { labels: Record<string, string>; spec: PodSpec } => {
    const template = deployment.spec?.template as { metadata: { labels: Record<string, string> }; spec: PodSpec };
    return { labels: template.metadata.labels, spec: template.spec };
  };
  const deployments = () =>
    ofKind('Deployment').map((deployment) => {
      const pod = podOf(deployment);
      const name = pod.labels['app.kubernetes.io/name'] ?? '';
      const container = pod.spec.containers[0];
      const model = serviceModels[name];
      if (!container || !model) throw new Error(`Deployment ${deployment.metadata.name} runs no known service`);
      return { deployment, pod, name, container, model };
    });
  const imageStages = (name: string) =>
    readServiceDockerfile(
      dockerfileOf(name),
      SUBGRAPHS.includes(name) ? { SUBGRAPH: name, PORT: String(chartValues().subgraphs[name].port) } : {},
    );
  /** The container's environment with each secretKeyRef read from the rendered Secret; unresolved refs listed. */
  const resolvedEnv = (name: string, container: Container) => {
    const unresolved: string[] = [];
    const env: Record<string, string> = { ...runtimeStage(imageStages(name)).env };
    for (const variable of container.env) {
      const ref = variable.valueFrom?.secretKeyRef;
      const value = ref ? named('Secret', ref.name)?.stringData?.[ref.key] : variable.value;
      if (value === undefined) unresolved.push(`${variable.name} (${ref ? `${ref.name}/${ref.key}` : 'no value'})`);
      else env[variable.name] = value;
    }
    return { env, unresolved };
  };
  const portNumber = (container: Container, port: string | number | undefined) =>
    typeof port === 'number' ? port : container.ports.find((p) => p.name === port)?.containerPort;

  it('refuses to render without its secrets, naming the value to set', () => {
    expect(() => renderSwitchyardChart({})).toThrow('secrets.adminToken is required');
    expect(() => renderSwitchyardChart({ secrets: { ...secretValues(), ordersSigningKey: '' } })).toThrow(
      'secrets.ordersSigningKey is required',
    );
  });

  it('deploys the gateway, the registry and the four demo subgraphs, each from its image', () => {
    const values = chartValues();
    expect(
      deployments()
        .map(({ name }) => name)
        .sort(),
    ).toEqual(Object.keys(serviceModels).sort());
    for (const { name, container, model, pod } of deployments()) {
      expect(container.image, name).toBe(`${values.image.repository}/${model.image}:${values.image.tag}`);
      expect(pod.spec.securityContext?.runAsNonRoot, name).toBe(true);
      expect(dockerfileProblems(model, imageStages(name)), name).toEqual([]);
    }
  });

  it('sets only settings each service reads, every one a deployment needs, and each config loads from them', () => {
    for (const { name, container, model } of deployments()) {
      const names = Object.fromEntries(container.env.map((variable) => [variable.name, true]));
      const { env, unresolved } = resolvedEnv(name, container);
      expect(unknownSettings(model, names), name).toEqual([]);
      expect(unresolved, name).toEqual([]);
      expect(missingSettings(model, env), name).toEqual([]);
      expect(() => model.load(env), name).not.toThrow();
    }
  });

  it('takes credentials from Secrets, as variables or mounted key files', () => {
    for (const { name, container, model, pod } of deployments()) {
      const literal = container.env
        .filter((variable) => model.secretSettings.includes(settingOf(model, variable.name) ?? ''))
        .filter((variable) => !variable.valueFrom?.secretKeyRef && pathsIn(variable.value ?? '').length === 0);
      expect(
        literal.map((variable) => variable.name),
        name,
      ).toEqual([]);
      const mountedFiles = (container.volumeMounts ?? []).flatMap((mount) => {
        const volume = pod.spec.volumes?.find((v) => v.name === mount.name)?.secret;
        const secret = volume && named('Secret', volume.secretName);
        return (volume?.items ?? [])
          .filter((item) => secret?.stringData?.[item.key] !== undefined)
          .map((item) => `${mount.mountPath}/${item.path}`);
      });
      const keyPaths = container.env.flatMap((variable) => pathsIn(variable.value ?? ''));
      expect(
        keyPaths.filter((path) => !mountedFiles.includes(path)),
        name,
      ).toEqual([]);
    }
  });

  it('listens on the port its config reads, ready on /ready and alive on /health as the service serves them', () => {
    for (const { name, container, model } of deployments()) {
      const { port } = model.load(resolvedEnv(name, container).env);
      expect(
        container.ports.map((p) => p.containerPort),
        name,
      ).toEqual([port]);
      expect(container.readinessProbe?.httpGet.path, name).toBe(model.probes.ready);
      expect(container.livenessProbe?.httpGet.path, name).toBe(model.probes.health);
      expect(portNumber(container, container.readinessProbe?.httpGet.port), name).toBe(port);
      expect(portNumber(container, container.livenessProbe?.httpGet.port), name).toBe(port);
    }
  });

  it('gives each Deployment a Service on its container port, and the URLs between services name them', () => {
    const services = ofKind('Service');
    for (const { name, container, pod, deployment } of deployments()) {
      const service = named('Service', deployment.metadata.name);
      const spec = service?.spec as { selector: Record<string, string>; ports: { port: number; targetPort: string }[] };
      expect(spec.selector, name).toEqual(pod.labels);
      expect(portNumber(container, spec.ports[0]?.targetPort), name).toBe(container.ports[0]?.containerPort);
    }
    const servicePort = (url: string | undefined) => {
      const { hostname, port } = new URL(url ?? '');
      const service = services.find((s) => s.metadata.name === hostname);
      return (service?.spec as { ports: { port: number }[] } | undefined)?.ports[0]?.port === Number(port);
    };
    const envOf = (service: string) =>
      Object.fromEntries(
        deployments()
          .find(({ name }) => name === service)
          ?.container.env.map((variable) => [variable.name, variable.value]) ?? [],
      );
    expect(servicePort(envOf('gateway').REGISTRY_URL)).toBe(true);
    expect(servicePort(envOf('orders').CATALOG_URL)).toBe(true);
    expect(servicePort(envOf('orders').SUPPLIERS_URL)).toBe(true);
  });

  it('scales the gateway with an HPA and keeps gateways and registries through disruptions', () => {
    const hpa = named('HorizontalPodAutoscaler', `${release}-gateway`)?.spec as {
      scaleTargetRef: { kind: string; name: string };
      minReplicas: number;
      maxReplicas: number;
    };
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: `${release}-gateway` });
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas);
    for (const service of ['gateway', 'registry']) {
      const pdb = named('PodDisruptionBudget', `${release}-${service}`)?.spec as {
        selector: { matchLabels: Record<string, string> };
      };
      const pod = deployments().find(({ name }) => name === service)?.pod;
      expect(pdb.selector.matchLabels, service).toEqual(pod?.labels);
    }
  });
});

describe('docs/operations.md', () => {
  it('names every setting a deployment must set, for each service', () => {
    const text = readFileSync(repoPath('docs/operations.md'), 'utf8');
    const unnamed = Object.values(serviceModels)
      .flatMap((model) => model.deploymentSettings)
      .filter((setting) => !text.includes(`\`${setting}\``));
    expect([...new Set(unnamed)]).toEqual([]);
  });
});
