-- stress_extreme: the heaviest pattern load `phonon bench` is measured on.
-- 16 outputs, each `jux rev $ stut 8` over 32 kit steps per cycle: 16 x 32 x 8 echoes x 2 (jux)
-- = 8,192 events per cycle (check with `phonon events`); at tempo 0.5, 4,096 triggers per
-- second, mostly sample playback from the built-in kit. Each pattern is a bus ~pK, and its
-- output line applies an effect chain as signal processors: one or two of lpf/hpf/bpf/notch
-- (two with LFO-swept cutoffs), delay (4 outputs) or reverb (3 outputs), then gain 0.1.
-- Every pattern plays up to 64 voices (oldest stolen), so up to 1,024 voices sound at once.
-- Run: phonon bench bench/stress_extreme.ph --threads 1 --sample-rate 44100
tempo: 0.5
~p1: jux rev $ stut 8 0.125 0.1 $ s "oh:1*8 ht:2*8 sn:3*8 lt:0*8"
out1: ~p1 # lpf 2000 q:2 # gain 0.1
~p2: jux rev $ stut 8 0.125 0.1 $ s "lt:2*8 perc:3*8 cp:0*8 cb:1*8"
out2: ~p2 # lpf 3000 # gain 0.1
~p3: jux rev $ stut 8 0.125 0.1 $ s "cb:3*8 hh:0*8 mt:1*8 bd:2*8"
out3: ~p3 # hpf 200 # gain 0.1
~p4: jux rev $ stut 8 0.125 0.1 $ s "bd:0*8 rim:1*8 cy:2*8 oh:3*8"
out4: ~p4 # lpf (sine 0.25 * 1500 + 2000) q:3 # gain 0.1
~p5: jux rev $ stut 8 0.125 0.1 $ s "oh:1*8 ht:2*8 sn:3*8 lt:0*8"
out5: ~p5 # delay 0.375 0.4 # gain 0.1
~p6: jux rev $ stut 8 0.125 0.1 $ s "lt:2*8 perc:3*8 cp:0*8 cb:1*8"
out6: ~p6 # reverb 0.3 1.5 # gain 0.1
~p7: jux rev $ stut 8 0.125 0.1 $ s "cb:3*8 hh:0*8 mt:1*8 bd:2*8"
out7: ~p7 # lpf 1200 # delay 0.25 0.3 # gain 0.1
~p8: jux rev $ stut 8 0.125 0.1 $ s "bd:0*8 rim:1*8 cy:2*8 oh:3*8"
out8: ~p8 # bpf 1500 q:2 # gain 0.1
~p9: jux rev $ stut 8 0.125 0.1 $ s "oh:1*8 ht:2*8 sn:3*8 lt:0*8"
out9: ~p9 # lpf 2500 q:1.5 # gain 0.1
~p10: jux rev $ stut 8 0.125 0.1 $ s "lt:2*8 perc:3*8 cp:0*8 cb:1*8"
out10: ~p10 # reverb 0.3 2 # gain 0.1
~p11: jux rev $ stut 8 0.125 0.1 $ s "cb:3*8 hh:0*8 mt:1*8 bd:2*8"
out11: ~p11 # delay 0.1875 0.5 # gain 0.1
~p12: jux rev $ stut 8 0.125 0.1 $ s "bd:0*8 rim:1*8 cy:2*8 oh:3*8"
out12: ~p12 # hpf 500 q:1 # gain 0.1
~p13: jux rev $ stut 8 0.125 0.1 $ s "oh:1*8 ht:2*8 sn:3*8 lt:0*8"
out13: ~p13 # lpf 1800 # reverb 0.2 1 # gain 0.1
~p14: jux rev $ stut 8 0.125 0.1 $ s "lt:2*8 perc:3*8 cp:0*8 cb:1*8"
out14: ~p14 # notch 1000 q:2 # gain 0.1
~p15: jux rev $ stut 8 0.125 0.1 $ s "cb:3*8 hh:0*8 mt:1*8 bd:2*8"
out15: ~p15 # delay 0.125 0.6 # gain 0.1
~p16: jux rev $ stut 8 0.125 0.1 $ s "bd:0*8 rim:1*8 cy:2*8 oh:3*8"
out16: ~p16 # lpf (sine 0.5 * 1000 + 1500) # gain 0.1
