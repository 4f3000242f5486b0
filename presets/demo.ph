-- demo: a first sound. Two detuned sines with a slow tremolo, in the built-in sounds only.
tempo: 0.5
~lfo: sine 0.25 * 0.3 + 0.7
~tone: sine 220 + sine 220.7 * 0.8 + sine 330 * 0.3
out: ~tone * ~lfo * 0.25
