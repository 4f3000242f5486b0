-- Dub: off-beat chords and a rimshot that echo, a deep sine bass, and a feedback loop that colours the echoes like a spring.
bpm: 74
~kick: s "bd ~ ~ ~ ~ ~ ~ ~ bd ~ ~ ~ ~ ~ ~ ~" # gain 0.4
-- Echoes written out: each repeat three sixteenths later and quieter, as a tape delay would.
~rim: s "~ ~ ~ ~ rim ~ ~ rim ~ ~ rim ~ ~ rim ~ ~" # gain "0 0 0 0 0.3 0 0 0.16 0 0 0.08 0 0 0.04 0 0"
~skank: note "~ [c4'min ~] ~ [c4'min ~]" # s "superpiano" # gain 0.3 # release 0.15
~echo: note "~ [~ ~ c4'min ~] ~ [~ ~ c4'min ~]" # s "superpiano" # gain 0.14 # release 0.2 # lpf 1200
-- A bus that reads itself is a feedback loop (one engine block long): a short resonant comb.
~spring: (~rim + ~echo) * 0.5 + ~spring * 0.55
~bass: sine "<[48.9 ~ ~ 48.9] [65.4 ~ 58.3 ~]>" * 0.2
out: ~kick + ~rim + ~skank + ~spring * 0.6 + ~bass
