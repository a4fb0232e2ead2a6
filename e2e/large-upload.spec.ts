// Large uploads through an Apps proxy that cuts long requests: with the local proxy's limit at
// 3 s and its request bodies throttled, the test file in one request is cut, yet the UI uploads
// it in chunks and the stored bytes are the file's, with each upstream protocol the Files API may
// offer (multipart, resumable, or neither: the app's held-open fallback), and on a phone.
import {
  expectStored,
  FAST_KIBPS,
  FILE_SIZE,
  openUploadFolder,
  pickFile,
  TIMEOUT_S,
} from "./support/large-upload";
import {
  makeTestFile,
  saveKnobs,
  setProxyLimits,
  setUploadMode,
  type TestFile,
  type UploadMode,
} from "./support/upload-knobs";
import { expect, test } from "./support/workspace";

let file: TestFile;
let knobs: Awaited<ReturnType<typeof saveKnobs>>;

test.beforeAll(async () => {
  file = await makeTestFile("large.bin", FILE_SIZE);
});
test.afterAll(async () => {
  await file?.remove();
});
test.beforeEach(async ({ request }) => {
  knobs = await saveKnobs(request);
  await setProxyLimits(request, { timeoutS: TIMEOUT_S, throttleKiBps: FAST_KIBPS });
});
test.afterEach(async () => {
  await knobs.restore();
});

test("the premise: the test file in a single request is cut by the proxy and leaves no file", async ({
  requestAs,
}) => {
  const request = await requestAs("alice");
  const { readFile } = await import("node:fs/promises");
  const body = await readFile(file.path);
  const path = `e2e-large-single-${Date.now()}.bin`;
  const started = Date.now();
  const status = await request
    .post(`/api/files/uploads/upload?${new URLSearchParams({ path })}`, {
      headers: { "x-requested-with": "volumes-browser", "content-type": "application/octet-stream" },
      data: body,
    })
    .then((res) => res.status())
    .catch(() => "connection closed");
  expect([504, "connection closed"]).toContain(status);
  expect(Date.now() - started).toBeLessThan(TIMEOUT_S * 1000 + 2000);
  const exists = await request.get(`/api/files/uploads/exists?${new URLSearchParams({ path })}`);
  expect(await exists.json()).toEqual({ exists: false });
});

for (const mode of ["multipart", "resumable", "none"] as UploadMode[]) {
  test(`uploads the file in chunks through the cutting proxy (upstream: ${mode})`, async ({
    pageAs,
    request,
  }) => {
    test.setTimeout(60_000);
    await setUploadMode(request, mode);
    const page = await pageAs("alice");
    const target = await openUploadFolder(page, `large-${mode}`, file.name);
    try {
      await pickFile(page, file);
      await expectStored(page, target, file);
    } finally {
      await target.api.cleanUp("uploads", target.dir);
    }
  });
}

test("on a phone: the upload manager shows the chunked upload and it completes", async ({
  pageAs,
  request,
}) => {
  test.setTimeout(60_000);
  await setUploadMode(request, "multipart");
  const page = await pageAs("alice");
  await page.setViewportSize({ width: 390, height: 844 });
  const target = await openUploadFolder(page, "large-phone", file.name);
  try {
    await pickFile(page, file);
    const manager = page.getByTestId("upload-manager");
    await expect(manager).toBeInViewport();
    // Its controls fit the phone's width.
    const box = await manager.boundingBox();
    expect(box?.width ?? 0).toBeLessThanOrEqual(390);
    await expectStored(page, target, file);
  } finally {
    await target.api.cleanUp("uploads", target.dir);
  }
});
