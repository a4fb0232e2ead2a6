// JPEG via the pure-JS jpeg-js encoder: a photo-like picture (sky gradient, sun, hills) so the
// viewer has something with real entropy to zoom into.
import { encode } from "jpeg-js";

export function demoJpeg(width: number, height: number, quality = 80): Buffer {
  const data = Buffer.alloc(width * height * 4);
  const sunX = width * 0.72;
  const sunY = height * 0.3;
  const sunR = Math.min(width, height) * 0.09;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const hill = height * (0.62 + 0.08 * Math.sin(x / (width / 7)) + 0.04 * Math.sin(x / (width / 23)));
      const t = y / height;
      let r = Math.round(70 + 120 * t);
      let g = Math.round(130 + 80 * t);
      let b = Math.round(230 - 40 * t);
      if ((x - sunX) ** 2 + (y - sunY) ** 2 <= sunR ** 2) [r, g, b] = [255, 214, 90];
      if (y > hill) {
        const shade = (y - hill) / (height - hill + 1);
        [r, g, b] = [Math.round(60 - 30 * shade), Math.round(140 - 60 * shade), Math.round(60 - 30 * shade)];
      }
      const i = (y * width + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return encode({ width, height, data }, quality).data;
}
