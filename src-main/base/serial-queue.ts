/**
 * Runs tasks one at a time, in the order they were given, so that two quick changes to one file can never
 * interleave. A failed task does not stop the ones after it; its caller still gets the error.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Settles once every task queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
