// A PCM WAV (RIFF, mono, 16-bit) sine tone, so the audio preview has a real file to play.
export function sineWav(options: { seconds: number; frequency: number; sampleRate: number }): Buffer {
  const { seconds, frequency, sampleRate } = options;
  const samples = Math.round(seconds * sampleRate);
  const dataBytes = samples * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write("RIFF", 0, "latin1");
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write("WAVE", 8, "latin1");
  out.write("fmt ", 12, "latin1");
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28); // byte rate
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(16, 34); // bits per sample
  out.write("data", 36, "latin1");
  out.writeUInt32LE(dataBytes, 40);
  // Fade in/out over 10 ms so the tone doesn't click when played.
  const fade = Math.max(1, Math.round(sampleRate * 0.01));
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / fade, (samples - 1 - i) / fade);
    const value = Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 0.5 * envelope;
    out.writeInt16LE(Math.round(value * 32767), 44 + i * 2);
  }
  return out;
}
