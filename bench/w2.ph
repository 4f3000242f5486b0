-- W2 "sampler polyphony": 16 triggers a second of the one-shot sample `oneshot` (written by
-- gen_sample.py, loaded with --samples DIR where DIR/oneshot/oneshot.wav), each at gain 0.1,
-- pitched by the 32-step semitone pattern as MIDI notes around 60 (the sample's own pitch),
-- playing to its end. Render 60 s at 44100 Hz; expected RMS about 0.048.
tempo: 0.5
out: note "51 58 65 72 54 61 68 50 57 64 71 53 60 67 49 56 63 70 52 59 66 48 55 62 69 51 58 65 72 54 61 68" # s "oneshot" # gain 0.1
