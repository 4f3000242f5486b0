-- Dub: off-beat chords into a tape-style feedback delay, a rimshot with written-out echoes, a deep sine bass, and a feedback bus that colours them like a spring.
bpm: 74
~kick: s "bd ~ ~ ~ ~ ~ ~ ~ bd ~ ~ ~ ~ ~ ~ ~" # amp 0.9
-- Echoes written out: each repeat three sixteenths later and quieter.
~rim: s "~ ~ ~ ~ rim ~ ~ rim ~ ~ rim ~ ~ rim ~ ~" # amp "0 0 0 0 0.8 0 0 0.43 0 0 0.21 0 0 0.11 0 0"
~skank: note "~ [c5'min ~] ~ [c5'min ~]" # s "superpiano" # amp 0.3 # release 0.15
-- The chords through a delay whose echoes feed back, three sixteenths apart.
~echo: ~skank # hpf 300 # delay 0.608 fb:0.6 mix:0.5
-- A bus that reads itself is a feedback loop (one engine block long): a short resonant comb.
~spring: (~rim + ~echo) * 0.5 + ~spring * 0.55
~bass: sine "<[48.9 ~ ~ 48.9] [65.4 ~ 58.3 ~]>" * 0.2
out: ~kick + ~rim + ~skank + ~spring * 0.6 + ~bass
