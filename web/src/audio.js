// A short two-tone beep through WebAudio for a new critical alert. Browsers start audio only
// after a user gesture, so the context is resumed on the first click or key press.

let context = null;
let beeps = 0;
let unlocked = false;

function audio_context() {
  if (context) return context;
  const Constructor = window.AudioContext || window.webkitAudioContext;
  if (!Constructor) return null;
  context = new Constructor();
  return context;
}

/// Unlocks audio on the first user gesture.
export function unlock_audio_on_gesture() {
  const unlock = () => {
    unlocked = true;
    audio_context()?.resume();
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
}

/// Plays the alarm beep (two 150 ms tones); silent where audio is not allowed yet.
export function beep() {
  beeps += 1;
  if (!unlocked) return;
  const audio = audio_context();
  if (!audio) return;
  const start = audio.currentTime + 0.01;
  for (const [offset, frequency] of [[0, 880], [0.2, 1175]]) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.16);
  }
}

/// How many beeps were asked for, heard or not (for the page's test hooks).
export function beep_count() {
  return beeps;
}
