// Where the app's log lines go: stdout, in batches. Pino's default writes each line with its own
// synchronous write(2); under load that one syscall per request cost about a quarter of the
// request log's time (docs/performance.md). Lines now collect up to 8 KiB and go out together,
// and at the latest a quarter of a second after they were logged, so a quiet app's lines still
// show up promptly. Pino flushes what is buffered when the process exits.
import pino from "pino";

// Below sonic-boom's largest single write (16 KiB), which it requires.
const BATCH_BYTES = 8 * 1024;
const FLUSH_EVERY_MS = 250;

export function batchedStdout(): pino.DestinationStream {
  return pino.destination({
    dest: process.stdout.fd,
    sync: false,
    minLength: BATCH_BYTES,
    periodicFlush: FLUSH_EVERY_MS,
  });
}
