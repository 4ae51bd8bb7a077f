import { type CommandGroup, ExitCode } from '../Command';
import { integerOption } from '../parseCommandArgs';

/** `switchyard registry serve`. */
export const registryCommands: CommandGroup = {
  summary: 'Run the registry server',
  commands: {
    serve: {
      summary: 'Start the registry (settings from the environment: DATABASE_URL, DATA_DIR, SWITCHYARD_ADMIN_TOKEN…)',
      usage: '[--port <port>]',
      options: { port: { type: 'string' } },
      async run({ values }) {
        const port = integerOption(values, 'port');
        // Imported lazily so schema commands start fast and do not load the database drivers.
        const { serveRegistry } = await import('../../serve');
        await serveRegistry(port === undefined ? {} : { port });
        return ExitCode.OK;
      },
    },
  },
};
