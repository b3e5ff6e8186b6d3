/**
 * One save of the open note at a time: a save asked for while one runs waits for it, then runs only if there is
 * still something to save. It counts the saves done, so a read of the file can tell that a save overlapped it.
 */
export class SaveLine {
  private running: Promise<void> | null = null;
  private finished = 0;

  get busy(): boolean {
    return this.running !== null;
  }

  /** How many saves have finished (succeeded or not). */
  get done(): number {
    return this.finished;
  }

  /** Resolves once no save runs (one that starts meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Waits for the save running now, then runs `save` if `needed()` still says so. With none running, `save` starts
   * at once, in the caller's turn: it takes the text as it is at the moment of the call.
   */
  async run(needed: () => boolean, save: () => Promise<void>): Promise<void> {
    while (this.running) await this.running;
    if (!needed()) return;
    this.running = save().finally(() => {
      this.finished++;
      this.running = null;
    });
    await this.running;
  }
}
