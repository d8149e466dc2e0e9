// The audible cue for new orders and calls: a short two-tone chime made with WebAudio (no file to
// load). Browsers only allow sound after a tap, so the board asks for one ("Sound on").
let ctx: AudioContext | null = null;

export function enableSound(): boolean {
  try {
    ctx ??= new AudioContext();
    void ctx.resume();
    return true;
  } catch {
    return false;
  }
}

export const soundEnabled = () => ctx !== null && ctx.state === "running";

export function chime(kind: "round" | "call"): void {
  if (!ctx || ctx.state !== "running") return;
  const tones = kind === "round" ? [880, 1320] : [660, 660];
  tones.forEach((freq, i) => {
    const osc = ctx!.createOscillator();
    const gain = ctx!.createGain();
    const start = ctx!.currentTime + i * 0.18;
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
    osc.connect(gain).connect(ctx!.destination);
    osc.start(start);
    osc.stop(start + 0.17);
  });
}
