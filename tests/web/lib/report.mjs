// Test bookkeeping: named checks, their outcome printed as they happen, and the closing
// 'N passed, N failed' line.

/// Collects check outcomes.
export class Report {
  constructor() {
    this.passed = 0;
    this.failed = 0;
    this.skipped = 0;
  }

  /// Records one check: `ok` true passes; `detail` explains a failure.
  check(name, ok, detail = '') {
    if (ok) {
      this.passed += 1;
      console.log(`ok - ${name}`);
    } else {
      this.failed += 1;
      console.log(`not ok - ${name}${detail ? ': ' + detail : ''}`);
    }
    return ok;
  }

  /// Records a check that could not run (its precondition did not happen).
  skip(name, why) {
    this.skipped += 1;
    console.log(`skip - ${name}: ${why}`);
  }

  /// Runs a step; a thrown error fails it instead of ending the test.
  async step(name, body) {
    const started = Date.now();
    console.log(`# ${name}`);
    try {
      await body();
    } catch (error) {
      this.check(name, false, error?.stack || String(error));
    }
    console.log(`# ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  /// The closing line.
  summary() {
    return `${this.passed} passed, ${this.failed} failed` + (this.skipped ? `, ${this.skipped} skipped` : '');
  }
}

/// Polls `probe` until it returns a truthy value or `timeout_ms` passes; returns the value or null.
export async function wait_for(probe, timeout_ms, interval_ms = 250) {
  const deadline = Date.now() + timeout_ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, interval_ms));
  }
}
