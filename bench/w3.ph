-- W3 "fx chain" of shared/bench/WORKLOADS.md, as a Phonon program.
-- A 110 Hz band-limited saw through a resonant low-pass (1500 Hz, Q 1), Jezar's Freeverb
-- (room 0.8, damp 0.5, mix 0.33: 0.67·dry + 0.495·wet), a feedback delay of 0.375 s with
-- feedback 0.5 (w = x + 0.5·w delayed, dry included), and a peak compressor (threshold
-- −12 dBFS, ratio 4:1, attack 10 ms, release 100 ms, no make-up gain).
~saw: saw 110 # lpf 1500 q:1
~verb: ~saw # freeverb 0.33 room:0.8 damp:0.5
~echo: ~verb # delay 0.375 0.5
out: ~echo # compressor 12 4 attack:0.01 release:0.1
