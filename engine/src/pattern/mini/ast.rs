//! The syntax tree of a mini-notation string, read from the pest parse.
//!
//! Mirrors Strudel's krill AST. Random seeds (`?`, `|`) are numbered as krill numbers them:
//! counted from zero per string, in the order krill's parser finishes each rule, so the same
//! string makes the same random choices as in Strudel.

use super::Rule;
use pest::iterators::Pair;

/// Byte range in the string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    pub offset: usize,
    pub len: usize,
}

impl Loc {
    fn of(p: &Pair<Rule>) -> Loc {
        let s = p.as_span();
        Loc { offset: s.start(), len: s.end() - s.start() }
    }
}

/// A slice: what an element's operators apply to.
#[derive(Debug)]
pub enum Node {
    /// A word (`bd`, `3`, `~`, `c4'maj`).
    Word(String, Loc),
    /// `[...]` (or the whole string).
    Group(Group),
    /// `{a b, c d e}%4`.
    Polymeter { seqs: Vec<Sequence>, steps: Option<Box<Node>>, loc: Loc },
    /// `<a b, c d>`.
    Alternation(Vec<Sequence>),
}

/// A level of brackets: one sequence, or several stacked, chosen between or as feet.
#[derive(Debug)]
pub enum Group {
    Seq(Sequence),
    Stack(Vec<Sequence>),
    Choose(Vec<Sequence>, u32),
    Feet(Vec<Sequence>),
}

/// Steps side by side.
#[derive(Debug)]
pub struct Sequence {
    pub elements: Vec<Element>,
}

/// A slice with its operators, weight and repetitions.
#[derive(Debug)]
pub struct Element {
    pub node: Node,
    pub ops: Vec<Op>,
    /// Relative length in its sequence (`@`, `_`, `!`); zero counts as one.
    pub weight: f64,
}

#[derive(Debug)]
pub enum Op {
    /// `*x` (fast) or `/x`.
    Stretch { fast: bool, amount: Node },
    /// `!n`: the cycle repeated `n` times, squeezed into `n` steps.
    Replicate(f64),
    /// `(p,s,r)`.
    Euclid { pulses: Node, steps: Node, rotation: Option<Node>, loc: Loc },
    /// `?` / `?x`.
    Degrade { amount: Option<f64>, seed: u32 },
    /// `:x`: appended to the value as a list (`bd:3`).
    Tail(Node),
    /// `.. x`: the numbers from the value to `x`.
    Range(Node),
    /// `'x`: a part of a chord given as a pattern (`c'maj'<i ii>`).
    Chord(Node),
}

/// Builds the tree, numbering seeds.
pub struct Reader {
    seed: u32,
}

impl Reader {
    pub fn new() -> Reader {
        Reader { seed: 0 }
    }

    fn next_seed(&mut self) -> u32 {
        let s = self.seed;
        self.seed += 1;
        s
    }

    /// `stack_or_choose`.
    pub fn group(&mut self, p: Pair<Rule>) -> Group {
        let mut inner = p.into_inner();
        let head = match inner.next() {
            Some(h) => self.sequence(h),
            None => return Group::Seq(Sequence { elements: Vec::new() }),
        };
        match inner.next() {
            None => Group::Seq(head),
            Some(tail) => {
                let rule = tail.as_rule();
                let mut seqs = vec![head];
                for s in tail.into_inner().filter(|s| s.as_rule() == Rule::sequence) {
                    seqs.push(self.sequence(s));
                }
                match rule {
                    Rule::choose_tail => Group::Choose(seqs, self.next_seed()),
                    Rule::dot_tail => {
                        // krill numbers feet too, though they use no randomness.
                        self.next_seed();
                        Group::Feet(seqs)
                    }
                    _ => Group::Stack(seqs),
                }
            }
        }
    }

    /// `polymeter_stack`: sequences separated by commas.
    fn sequences(&mut self, p: Pair<Rule>) -> Vec<Sequence> {
        let mut out = Vec::new();
        for s in p.into_inner() {
            match s.as_rule() {
                Rule::sequence => out.push(self.sequence(s)),
                Rule::stack_tail => {
                    for t in s.into_inner().filter(|t| t.as_rule() == Rule::sequence) {
                        out.push(self.sequence(t));
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn sequence(&mut self, p: Pair<Rule>) -> Sequence {
        let elements =
            p.into_inner().filter(|e| e.as_rule() == Rule::slice_with_ops).map(|e| self.element(e)).collect();
        Sequence { elements }
    }

    fn element(&mut self, p: Pair<Rule>) -> Element {
        let loc = Loc::of(&p);
        let mut inner = p.into_inner();
        let slice = inner.peek();
        let node = match inner.next() {
            Some(s) => self.node(s),
            None => Node::Word("~".into(), loc),
        };
        let mut ops = Vec::new();
        // Patterned chord parts come first: they belong to the slice itself.
        if let Some(s) = slice {
            self.chord_parts(&s, &mut ops);
        }
        let mut weight = 1.0;
        let mut reps: f64 = 1.0;
        // Seeds of `?` are taken after everything nested in the element, in operator order.
        let mut degrades = Vec::new();
        for op in inner {
            let num = |op: &Pair<Rule>| {
                op.clone()
                    .into_inner()
                    .find(|x| x.as_rule() == Rule::number)
                    .and_then(|n| n.as_str().parse::<f64>().ok())
            };
            match op.as_rule() {
                Rule::op_weight => weight += num(&op).unwrap_or(2.0) - 1.0,
                Rule::op_replicate => {
                    // `a!3` and `a!!!` alike; the replication moves to the end of the operators.
                    reps += num(&op).unwrap_or(2.0) - 1.0;
                    ops.retain(|o| !matches!(o, Op::Replicate(_)));
                    ops.push(Op::Replicate(reps));
                    weight = reps;
                }
                Rule::op_bjorklund => {
                    let oloc = Loc::of(&op);
                    let mut args = op.into_inner().filter(|x| x.as_rule() == Rule::slice_with_ops);
                    let mut arg = |r: &mut Self| args.next().map(|a| r.element(a).node);
                    let pulses = arg(self).unwrap_or(Node::Word("0".into(), oloc));
                    let steps = arg(self).unwrap_or(Node::Word("0".into(), oloc));
                    let rotation = arg(self);
                    ops.push(Op::Euclid { pulses, steps, rotation, loc: oloc });
                }
                Rule::op_slow | Rule::op_fast => {
                    let fast = op.as_rule() == Rule::op_fast;
                    let amount = op.into_inner().next().map(|a| self.node(a)).unwrap_or(Node::Word("1".into(), loc));
                    ops.push(Op::Stretch { fast, amount });
                }
                Rule::op_degrade => {
                    degrades.push(ops.len());
                    ops.push(Op::Degrade { amount: num(&op), seed: 0 });
                }
                Rule::op_tail => {
                    if let Some(a) = op.into_inner().next() {
                        ops.push(Op::Tail(self.node(a)));
                    }
                }
                Rule::op_range => {
                    if let Some(a) = op.into_inner().next() {
                        ops.push(Op::Range(self.node(a)));
                    }
                }
                _ => {}
            }
        }
        for i in degrades {
            let seed = self.next_seed();
            if let Some(Op::Degrade { seed: s, .. }) = ops.get_mut(i) {
                *s = seed;
            }
        }
        Element { node, ops, weight }
    }

    /// The chord parts written right after a slice (`'<i ii>'o`), in order, as operators.
    fn chord_parts(&mut self, p: &Pair<Rule>, ops: &mut Vec<Op>) {
        for part in p.clone().into_inner().filter(|x| x.as_rule() == Rule::chord_part) {
            let Some(s) = part.into_inner().next() else { continue };
            if s.as_rule() == Rule::chord_word {
                ops.push(Op::Chord(Node::Word(s.as_str().to_string(), Loc::of(&s))));
            } else {
                ops.push(Op::Chord(self.node(s.clone())));
                self.chord_parts(&s, ops);
            }
        }
    }

    fn node(&mut self, p: Pair<Rule>) -> Node {
        let loc = Loc::of(&p);
        match p.as_rule() {
            Rule::step => {
                let w = p.into_inner().next();
                let (text, wl) = match &w {
                    Some(w) => (w.as_str().to_string(), Loc::of(w)),
                    None => ("~".to_string(), loc),
                };
                Node::Word(text, wl)
            }
            Rule::sub_cycle => match p.into_inner().find(|x| x.as_rule() == Rule::stack_or_choose) {
                Some(g) => Node::Group(self.group(g)),
                None => Node::Word("~".into(), loc),
            },
            Rule::polymeter => {
                let mut seqs = Vec::new();
                let mut steps = None;
                for x in p.into_inner() {
                    match x.as_rule() {
                        Rule::polymeter_stack => seqs = self.sequences(x),
                        Rule::polymeter_steps => steps = x.into_inner().next().map(|s| Box::new(self.node(s))),
                        _ => {}
                    }
                }
                Node::Polymeter { seqs, steps, loc }
            }
            Rule::slow_sequence => {
                let seqs = p.into_inner().find(|x| x.as_rule() == Rule::polymeter_stack).map(|x| self.sequences(x));
                Node::Alternation(seqs.unwrap_or_default())
            }
            _ => Node::Word("~".into(), loc),
        }
    }
}
