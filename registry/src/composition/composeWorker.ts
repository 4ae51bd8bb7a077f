// The module a composition worker thread runs (loaded through composeWorker.mjs): Piscina calls its default export
// once per task.
import { type CompositionOutcome, type CompositionTask, runCompositionTask } from './runCompositionTask';

export default function composeInWorker(task: CompositionTask): Promise<CompositionOutcome> {
  return runCompositionTask(task);
}
