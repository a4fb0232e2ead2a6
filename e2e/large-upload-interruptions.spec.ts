// A large upload that is interrupted in the middle carries on from where it was, never from
// zero: a connection reset inside a part/chunk upstream, an app restart (the upload's state
// lives in the token the browser keeps, so a new process continues it), and a reload of the
// page (the upload manager offers the unfinished upload; the person picks the same file again).
import {
  CHUNK_REQUESTS,
  expectStored,
  FAST_KIBPS,
  openUploadFolder,
  pickFile,
  progressReaches,
  SLOW_KIBPS,
  TIMEOUT_S,
} from "./support/large-upload";
import {
  bytesReceived,
  makeTestFile,
  pendingFaults,
  resetPartPut,
  restartApp,
  saveKnobs,
  setProxyLimits,
  setUploadMode,
  type TestFile,
} from "./support/upload-knobs";
import { expect, test } from "./support/workspace";

const MiB = 1024 * 1024;
const FILE_SIZE = 48 * MiB;
/**
 * Where a restart or reload comes (% sent). It cuts what is in flight: up to 4 parallel parts
 * (multipart) of a few MiB each, or one chunk (resumable), which is sent again. Late enough that
 * this is clearly less than starting over, which would send everything received so far again.
 */
const MIDDLE = 70;
/** A reset cuts the third part/chunk PUT (after at least 10 MiB are stored) after this much of its body. */
const RESET_AFTER = 1 * MiB;
const RESET_SKIP = 2;
/** Chunk requests a reset or restart breaks are answered by the proxy or the app with these. */
const BROKEN_CHUNK_STATUSES = [502, 503, 504];

let file: TestFile;
let knobs: Awaited<ReturnType<typeof saveKnobs>>;

test.beforeAll(async () => {
  file = await makeTestFile("interrupted.bin", FILE_SIZE);
});
test.afterAll(async () => {
  await file?.remove();
});
test.beforeEach(async ({ request }) => {
  knobs = await saveKnobs(request);
  // Slow, so that "the middle" of the upload lasts long enough to act in it.
  await setProxyLimits(request, { timeoutS: TIMEOUT_S, throttleKiBps: SLOW_KIBPS });
});
test.afterEach(async () => {
  await knobs.restore();
});

for (const mode of ["multipart", "resumable"] as const) {
  test(`a connection reset in the middle of a ${mode} chunk: completes without starting over`, async ({
    pageAs,
    request,
  }) => {
    test.setTimeout(60_000);
    await setUploadMode(request, mode);
    const page = await pageAs("alice", {
      expectHttpErrors: BROKEN_CHUNK_STATUSES,
      expectFailedRequests: CHUNK_REQUESTS,
    });
    const target = await openUploadFolder(page, `large-reset-${mode}`, file.name);
    try {
      // The third part/chunk PUT upstream breaks after RESET_AFTER bytes of its body.
      await resetPartPut(request, target.volumePath, { skip: RESET_SKIP, afterBytes: RESET_AFTER });
      await setProxyLimits(request, { throttleKiBps: FAST_KIBPS });
      await pickFile(page, file);
      await expectStored(page, target, file);
      expect(await pendingFaults(request), "the reset happened").toEqual([]);
      const received = await bytesReceived(request, target.volumePath);
      expect(received).toBeGreaterThanOrEqual(FILE_SIZE);
      // Only the cut bytes (and at most one 256 KiB unit resumable storage drops) came twice;
      // starting over would have sent the ≥ 10 MiB before the cut again.
      expect(received).toBeLessThanOrEqual(FILE_SIZE + RESET_AFTER + 256 * 1024);
    } finally {
      await target.api.cleanUp("uploads", target.dir);
    }
  });
}

for (const mode of ["multipart", "resumable"] as const) {
  test(`an app restart in the middle of a ${mode} upload: it continues and completes`, async ({
    pageAs,
    request,
  }) => {
    test.setTimeout(75_000);
    await setUploadMode(request, mode);
    const page = await pageAs("alice", {
      expectHttpErrors: BROKEN_CHUNK_STATUSES,
      expectFailedRequests: CHUNK_REQUESTS,
    });
    const target = await openUploadFolder(page, `large-restart-${mode}`, file.name);
    try {
      await pickFile(page, file);
      await progressReaches(page, file.name, MIDDLE);
      const before = await bytesReceived(request, target.volumePath);
      await restartApp(request);
      await setProxyLimits(request, { throttleKiBps: FAST_KIBPS });
      await expectStored(page, target, file);
      const resent = (await bytesReceived(request, target.volumePath)) - FILE_SIZE;
      expect(resent).toBeLessThan(before);
    } finally {
      await target.api.cleanUp("uploads", target.dir);
    }
  });
}

test("a reload in the middle: the upload manager offers to continue, the same file is picked, it finishes", async ({
  pageAs,
  request,
}) => {
  test.setTimeout(60_000);
  await setUploadMode(request, "multipart");
  const page = await pageAs("alice", { expectFailedRequests: CHUNK_REQUESTS });
  const target = await openUploadFolder(page, "large-reload", file.name);
  try {
    await pickFile(page, file);
    await progressReaches(page, file.name, MIDDLE);
    const before = await bytesReceived(request, target.volumePath);
    await page.reload();
    const unfinished = page.getByRole("region", { name: /1 unfinished upload/ });
    await expect(unfinished).toBeVisible();
    await expect(unfinished).toContainText(file.name);
    await setProxyLimits(request, { throttleKiBps: FAST_KIBPS });
    const chooser = page.waitForEvent("filechooser");
    await unfinished.getByRole("button", { name: `Continue ${file.name}` }).click();
    await (await chooser).setFiles(file.path);
    await expectStored(page, target, file);
    await expect(unfinished).toBeHidden();
    // Starting over would send all `before` bytes again; only the parts cut in flight went twice.
    const resent = (await bytesReceived(request, target.volumePath)) - FILE_SIZE;
    expect(resent).toBeLessThan(before);
  } finally {
    await target.api.cleanUp("uploads", target.dir);
  }
});
