//! The FAQ's entries: general questions first (on a tie the earlier entry wins).
//!
//! Facts come from `bfr-facts` (the project's sourced fact sheet) and the papers named in
//! each entry's `sources`. Anything about health ends with the doctor rule; anything about a
//! heart or circulation condition never reaches these entries, because triage answers it
//! first. Variants are wordings people use; add one when a real question misses.

use super::FaqEntry;
use crate::domain::learn::LearnTopic;

#[rustfmt::skip]
pub const ENTRIES: &[FaqEntry] = &[
    FaqEntry {
        id: "what-is-bfr",
        question: "What is BFR (occlusion) training?",
        variants: &["what is blood flow restriction training", "what is occlusion training",
            "what does bfr mean", "never heard of bfr, what is it", "explain bfr to me",
            "what are those bands people wear on their arms in the gym",
            "what is bfr training and how is it done",
            "what is the point of wearing bfr bands", "what do occlusion cuffs do",
            "what are bfr bands for", "the basics of occlusion training"],
        answer: "Blood flow restriction (BFR) training, also called occlusion training, means \
training with light weights while a wrap or cuff squeezes the top of the working arm or leg. \
Blood can get into the muscle but can't easily drain out, so a light set tires the muscle \
like a heavy one and can still build muscle. It is meant as an addition to heavy lifting, \
not a replacement.",
        topic: LearnTopic::Overview,
        related: &["how-it-works", "names", "builds-muscle"],
        sources: "Patterson et al. 2019, Front Physiol; Lixandrão et al. 2018, Sports Med",
    },
    FaqEntry {
        id: "names",
        question: "Is KAATSU the same as BFR or occlusion training?",
        variants: &["is kaatsu the same thing as blood flow restriction",
            "difference between occlusion training, bfr and kaatsu",
            "is occlusion training the same as bfr", "what does kaatsu mean",
            "who invented kaatsu", "why so many names for bfr",
            "what is vascular occlusion training", "is bfr the same as tourniquet training"],
        answer: "Mostly one idea under several names. **KAATSU** (Japanese for \"added \
pressure\") is the original method, developed in Japan from the 1960s, and today a brand of \
pneumatic bands. **Blood flow restriction (BFR)** is the general term used in research; \
**occlusion** or **vascular occlusion** training is the gym name. \"Occlusion\" is a bit \
misleading: the aim is to slow the blood leaving the muscle, never to shut off the blood \
coming in. KAATSU's makers stress this too and say their method does not occlude.",
        topic: LearnTopic::Overview,
        related: &["what-is-bfr", "kaatsu-vs-wraps", "how-it-works"],
        sources: "KAATSU Global FAQ; Patterson et al. 2019, Front Physiol",
    },
    FaqEntry {
        id: "how-it-works",
        question: "How does BFR work?",
        variants: &["why does bfr work", "what is the theory behind occlusion training",
            "why do light weights build muscle with a cuff", "what does the cuff do to the muscle",
            "does bfr cut off blood flow completely", "is it about lactic acid",
            "why is the pump so big with occlusion", "what is the science behind bfr",
            "does it restrict veins or arteries",
            "what makes occlusion training effective",
            "how does blood flow restriction lead to muscle growth",
            "why does blood pool in the muscle under the cuff",
            "what happens inside the muscle during an occlusion set"],
        answer: "The wrap blocks the veins that drain the muscle and partly limits the \
arteries that feed it: blood still gets in, it just can't leave easily. By-products of hard \
work, such as lactate, build up instead of washing away, the muscle swells (the pump), and \
with less oxygen around the body calls in the big fast-twitch fibres much earlier in the \
set: normally only heavy loads reach them. That is why a light set can work like a heavy \
one.",
        topic: LearnTopic::HowItWorks,
        related: &["what-is-bfr", "builds-muscle", "growth-hormone"],
        sources: "Patterson et al. 2019, Front Physiol; Loenneke et al. 2012",
    },
    FaqEntry {
        id: "builds-muscle",
        question: "Does BFR actually build muscle?",
        variants: &["does bfr work", "is bfr worth it",
            "can you grow muscle lifting light with bands", "what are the benefits of bfr",
            "does blood flow restriction make muscles bigger", "does occlusion training work",
            "is bfr effective for hypertrophy"],
        answer: "Yes, this is its best-supported effect. Light-load BFR at 20-40% of your \
one-rep max builds **about as much muscle** as heavy lifting (over ~70% 1RM), and clearly \
more than the same light training without a wrap. Strength goes up too, though less than \
with heavy lifting.",
        topic: LearnTopic::Benefits,
        related: &["strength-vs-heavy", "results-timeline", "evidence"],
        sources: "Lixandrão et al. 2018, Sports Med (meta-analysis)",
    },
    FaqEntry {
        id: "strength-vs-heavy",
        question: "Is BFR as good as heavy lifting for strength?",
        variants: &["can bfr replace heavy lifting", "bfr vs heavy weights for getting stronger",
            "will bfr make my 1rm stronger", "is occlusion at 30% as good as lifting heavy",
            "compare bfr to high load training", "can i stop lifting heavy and just do bfr",
            "how does occlusion differ from traditional strength training"],
        answer: "Not quite. BFR does make you stronger, but heavy lifting raises your 1RM \
more, while the muscle growth is similar. So if strength is the goal, keep lifting heavy \
and use BFR as an extra, or for times when heavy loads are off the table (an injury, sore \
joints, a lighter week).",
        topic: LearnTopic::Evidence,
        related: &["combine-heavy", "builds-muscle", "load"],
        sources: "Lixandrão et al. 2018, Sports Med; Hughes et al. 2017, Br J Sports Med",
    },
    FaqEntry {
        id: "evidence",
        question: "How strong is the evidence for BFR, and what are its limits?",
        variants: &["is bfr backed by science", "what does the research say about bfr",
            "is bfr proven or a gimmick", "is occlusion training legit", "is bfr better than light training to failure",
            "isn't light weight to failure without cuffs just as good",
            "are there good studies on bfr", "does bfr help tendons or bones",
            "what are the advantages and disadvantages of occlusion training",
            "does occlusion training have drawbacks or limits"],
        answer: "Good for muscle size: meta-analyses of controlled trials find light-load BFR \
builds about as much muscle as heavy lifting, and more than light lifting alone. The limits: \
most trials are small and short (weeks, not years), many used cuffs with measured pressure \
rather than gym wraps, and light sets taken to real failure without a cuff also build muscle \
well. Effects on tendons and bones, and for knee pain, are less clear. So: a useful tool, \
not magic.",
        topic: LearnTopic::Evidence,
        related: &["builds-muscle", "strength-vs-heavy", "rehab"],
        sources: "Lixandrão et al. 2018; Hughes et al. 2017; Farup et al. 2015; \
Cuyul-Vásquez et al. 2020, Braz J Phys Ther",
    },
    FaqEntry {
        id: "results-timeline",
        question: "How long until I see results from BFR?",
        variants: &["how long does bfr take to work", "when will i see results",
            "how many sessions before bfr works", "how many weeks until muscle growth",
            "can you gain muscle in a couple of weeks", "how fast are the results"],
        answer: "Expect weeks, not days. The usual setup, 2-3 sessions a week, is studied over \
at least 3 weeks, and the trials that found muscle growth ran for weeks to months. Some \
short, intense studies (two sessions a day for 2 weeks) found changes sooner, but that is \
not an everyday plan. Early on, strength rises first as you get better at the exercise; \
visible size comes later.",
        topic: LearnTopic::Evidence,
        related: &["frequency", "builds-muscle", "sets-reps"],
        sources: "Patterson et al. 2019, Front Physiol; Yasuda et al. 2010, Clin Physiol \
Funct Imaging",
    },
    FaqEntry {
        id: "load",
        question: "How much weight should I use?",
        variants: &["what weight should i use with bfr bands", "how heavy should i go with occlusion",
            "what percentage of my max for bfr", "how light should the weights be",
            "can i use just bodyweight with bfr", "bodyweight only exercises with bands", "why use light weights with cuffs",
            "what load for bfr curls"],
        answer: "About **30% of your one-rep max (1RM)**. The research range is 20-40%; the \
popular 25-50% gets too heavy at the top end. If your max curl is 40 kg, that's about 12 kg. \
As a check, you should manage about 30 reps of the exercise without a wrap before adding \
one. Light bodyweight moves can work too if they tire you within those reps. Don't know your \
1RM? Use `/1rm estimate`.",
        topic: LearnTopic::HowTo,
        related: &["estimate-1rm", "sets-reps", "strength-vs-heavy"],
        sources: "Patterson et al. 2019; Lixandrão et al. 2018, Sports Med",
    },
    FaqEntry {
        id: "estimate-1rm",
        question: "How do I find my 1RM (one-rep max)?",
        variants: &["what is 1rm", "how do i work out my max", "how to estimate one rep max",
            "calculate 30% of my max", "i don't know my max, what now", "1rm calculator"],
        answer: "Your 1RM is the most you can lift once with good form. You don't need to test \
it: use `/1rm estimate`. Lift a weight you can do for a few clean reps (10 or fewer) to \
failure, and it estimates your one-rep max with a standard formula such as Epley or \
Brzycki. Estimates lose accuracy past about 10 reps. Then take about 30% of it for BFR.",
        topic: LearnTopic::HowTo,
        related: &["load", "sets-reps"],
        sources: "Epley 1985; Brzycki 1993",
    },
    FaqEntry {
        id: "sets-reps",
        question: "How many sets and reps should I do?",
        variants: &["what rep range for bfr", "what is the 30 15 15 15 protocol",
            "how many sets with occlusion", "what does a bfr session look like",
            "bfr protocol for arms", "how many reps per set",
            "give me an example bfr workout", "how long does a bfr workout take",
            "how many reps with the bands on"],
        answer: "The classic scheme is **4 sets of 30, 15, 15 and 15 reps** (75 in total) at \
about 30% of your 1RM. Studies also use 2-4 sets taken close to failure. Rest 30-60 seconds \
between sets. The last reps of each set should burn. One exercise done this way takes about \
5 minutes.",
        topic: LearnTopic::HowTo,
        related: &["rest", "load", "failure"],
        sources: "Patterson et al. 2019; Wilson et al. 2013, J Strength Cond Res",
    },
    FaqEntry {
        id: "failure",
        question: "Should BFR sets go to failure?",
        variants: &["do i train to failure with bfr", "how can you go beyond failure",
            "should i leave reps in the tank with occlusion", "failure on every set",
            "to failure on the first session",
            "how much effort should a bfr set take"],
        answer: "Not at first. Start with the fixed 30-15-15-15 scheme and stop a rep or two \
short of failure: cuff makers advise against failure in a first session, because \
unaccustomed, exhausting BFR is linked to the rare cases of serious muscle damage. Once you \
know how your body reacts, studies also use sets to failure. There's no need to go beyond \
failure with forced or partial reps.",
        topic: LearnTopic::HowTo,
        related: &["sets-reps", "rhabdo", "beginners"],
        sources: "Patterson et al. 2019; Fit Cuffs guidance; Thompson et al. 2018, Clin J Sport \
Med",
    },
    FaqEntry {
        id: "rest",
        question: "How long should I rest between sets?",
        variants: &["rest time between bfr sets", "how much rest with occlusion",
            "30 or 60 seconds rest", "rest between exercises with cuffs"],
        answer: "**30-60 seconds.** The popular advice of \"at most 30 seconds\" is stricter \
than the research needs: studies used 30, 45 and 60 seconds. Between different exercises, \
rest more than a minute.",
        topic: LearnTopic::HowTo,
        related: &["between-sets", "sets-reps", "time-limit"],
        sources: "Patterson et al. 2019, Front Physiol",
    },
    FaqEntry {
        id: "between-sets",
        question: "Can I leave the wrap on between sets, or should I loosen it?",
        variants: &["do i take the bands off between sets", "keep the cuff inflated during rest",
            "untie the wraps between sets", "deflate between sets or not",
            "should the pressure stay on during rest"],
        answer: "Either is fine. A 2022 review of 9 trials found that keeping the wrap on or \
releasing it between sets gave the same strength gains and felt effort. Keeping it on is \
quicker; loosening it is more comfortable. Either way, mind the total time limits.",
        topic: LearnTopic::HowTo,
        related: &["time-limit", "rest"],
        sources: "Sinclair et al. 2022, Int J Sports Med",
    },
    FaqEntry {
        id: "time-limit",
        question: "How long can the wrap stay on?",
        variants: &["how long should you wear bfr bands", "how long can the cuffs stay inflated",
            "maximum time with occlusion", "how many minutes with the bands on",
            "is longer better with the cuffs on", "how long can i do it"],
        answer: "Keep any one stretch of restriction under about **15 minutes on an arm** or \
**20 minutes on a leg**, then give the limb about 3 minutes of free blood flow before \
wrapping again. Longer is not better. Take the wraps off as soon as you finish.",
        topic: LearnTopic::HowTo,
        related: &["between-sets", "frequency", "warning-signs"],
        sources: "Australian Institute of Sport guidance; cuff makers' manuals",
    },
    FaqEntry {
        id: "frequency",
        question: "How often should I do BFR?",
        variants: &["how many times a week", "can i do bfr every day", "is twice a day ok",
            "how many bfr sessions per week", "daily occlusion training",
            "will i plateau with bfr"],
        answer: "**2-3 workouts a week** for at least 3 weeks is the usual setup. Studies \
have also used blocks of 1-2 workouts a day for 1-3 weeks, but that's a short, intense \
approach, not an everyday habit. Next to your heavy training, stick to 2-3 a week, and \
progress as with any training (a little more load or reps over time).",
        topic: LearnTopic::HowTo,
        related: &["results-timeline", "combine-heavy", "recovery"],
        sources: "Patterson et al. 2019, Front Physiol",
    },
    FaqEntry {
        id: "how-tight",
        question: "How tight should the wrap be?",
        variants: &["how tight should bfr bands be", "what does 7 out of 10 feel like",
            "is tighter better", "can the band be too loose", "my band felt too tight",
            "tight but not too tight", "how much pressure with knee wraps",
            "what pressure should i use on the wraps"],
        answer: "About **7/10**, where 10 is as tight as you can imagine: firm and \
uncomfortable, never painful. In a study of 120 people, 7/10 was about 80% of full occlusion \
on the arm and 70% on the leg; the research target is 40-80%, so never go tighter on the \
arm. Tighter is not better. 7/10 is a start point, not a guarantee: felt tightness drifts \
from day to day. If the hand or foot below turns white, blue or cold, or goes numb, loosen \
at once.",
        topic: LearnTopic::Pressure,
        related: &["pressure-mmhg", "putting-on", "arms-vs-legs"],
        sources: "Bell et al. 2018, Physiol Meas; Patterson et al. 2019",
    },
    FaqEntry {
        id: "pressure-mmhg",
        question: "What pressure in mmHg should a BFR cuff be set to?",
        variants: &["what mmhg for bfr cuffs", "what is limb occlusion pressure",
            "what percentage of lop", "is 40 or 80 percent of occlusion pressure better",
            "do i need a doppler", "mmhg vs sku", "lower or higher cuff pressure",
            "how do you measure limb occlusion pressure"],
        answer: "There is no single number: it depends on the cuff's width and your limb. \
Research sets pressure as **40-80% of your limb occlusion pressure (LOP)**, the pressure at \
which that cuff stops blood flow. LOP is often around 175 mmHg on the arm and 195 on the leg, \
but varies a lot. Lower percentages slow blood flow almost as much as higher ones, so start \
low. A cuff with a gauge but no LOP measurement just gives you a repeatable number.",
        topic: LearnTopic::Pressure,
        related: &["how-tight", "width", "kaatsu-vs-wraps"],
        sources: "Patterson et al. 2019; Crossley et al. 2020, Med Sci Sports Exerc; \
Loenneke et al. 2012",
    },
    FaqEntry {
        id: "putting-on",
        question: "How do I put the wraps or cuffs on?",
        variants: &["how to apply bfr bands", "how to put knee wraps on for occlusion",
            "how do i check the band isn't too tight", "steps to put the cuff on",
            "how to use arm bands for bfr", "which way should the buckle face",
            "how do i do the capillary refill check"],
        answer: "Relax the limb. Put the wrap at the very top of the arm or thigh, snug but \
loose, then tighten to about 7/10 (with a cuff: inflate to your set pressure). Buckle or \
valve to the outside, where it won't dig in. Check the skin below: pink and warm is right; \
white, blue, cold or numb means too tight. Press a fingertip on the palm or foot: colour \
should return within about 3 seconds. Use the same wrap and the same marks every time.",
        topic: LearnTopic::HowTo,
        related: &["placement", "how-tight", "wrap-or-cuff"],
        sources: "Cuff makers' manuals; KAATSU guidance on capillary refill",
    },
    FaqEntry {
        id: "placement",
        question: "Where do I put the wrap?",
        variants: &["where do the bands go on the arm", "where to place the cuff on the leg",
            "wrap above or below the knee for calves", "bands on the bicep or forearm",
            "where on the body do the cuffs go",
            "how high up the thigh"],
        answer: "At the **very top of the limb** you are training: high on the upper arm just \
below the shoulder, or high on the thigh just below the hip crease. For calves and forearms, \
studies still put it at the top of the thigh or upper arm rather than over a joint. Wraps \
go on arms and legs only: never around the neck, chest or waist.",
        topic: LearnTopic::HowTo,
        related: &["which-muscles", "putting-on", "arms-vs-legs"],
        sources: "Patterson et al. 2019, Front Physiol",
    },
    FaqEntry {
        id: "which-muscles",
        question: "Which muscles can I train with BFR? Chest, shoulders, back?",
        variants: &["can you do bfr on the chest", "does bfr work for shoulders and back",
            "is occlusion only for arms and legs", "what muscle groups can you target", "which muscle groups can be trained with occlusion",
            "bfr for delts", "can i wrap my waist for abs",
            "can bfr be used on any body part"],
        answer: "The wrap goes only on arms and legs, but muscles next to it get some of the \
effect. With wraps on the upper arms, bench presses at 30% 1RM grew the chest as well as the \
triceps in a small study. Never \
wrap the neck, chest or waist: there is no safe way to restrict blood flow there.",
        topic: LearnTopic::HowTo,
        related: &["placement", "exercises", "arms-vs-legs"],
        sources: "Yasuda et al. 2010, Clin Physiol Funct Imaging (secondary)",
    },
    FaqEntry {
        id: "exercises",
        question: "Which exercises work best with BFR?",
        variants: &["best exercises with bfr bands", "can i squat with bfr",
            "isolation or compound moves with cuffs", "bfr leg press or leg extension",
            "simple moves that suit occlusion"],
        answer: "Simple moves you can do for 30 clean reps work best: curls, triceps \
pushdowns, leg extensions, leg curls, leg press, calf raises, and for many people squats, \
lunges or bench press. Both isolation and compound moves have been studied. Pick one or two \
per session, keep the load light (about 30% 1RM), and avoid moves where losing control under \
fatigue is risky.",
        topic: LearnTopic::HowTo,
        related: &["which-muscles", "sets-reps", "load"],
        sources: "Patterson et al. 2019, Front Physiol",
    },
    FaqEntry {
        id: "arms-vs-legs",
        question: "Is BFR different for arms and legs?",
        variants: &["arm vs leg pressure", "why do legs need more pressure",
            "upper body vs lower body bfr", "same tightness for arms and legs"],
        answer: "Same method, a few differences. Legs need more pressure to restrict (full \
occlusion is typically ~195 mmHg on the leg versus ~175 on the arm), and 7/10 felt \
tightness lands at about 70% of occlusion on the leg but 80% on the arm, so be gentler on \
arms. Time limits: about 15 minutes for an arm, 20 for a leg. Narrow bands may not restrict \
big thighs enough.",
        topic: LearnTopic::Pressure,
        related: &["how-tight", "width", "time-limit"],
        sources: "Bell et al. 2018, Physiol Meas; 2022 Doppler study, Arthrosc Sports Med \
Rehabil",
    },
    FaqEntry {
        id: "width",
        question: "How wide should the wrap be?",
        variants: &["does band width matter", "narrow or wide bands", "are thin bands ok",
            "how thick should the wrap be", "5 cm or 10 cm cuff",
            "how big should the cuff be"],
        answer: "Width changes how tight the wrap must be. Wide cuffs stop blood flow at lower \
pressure (13.5 cm at ~144 mmHg versus 5 cm at ~235 mmHg), and narrow bands on big thighs may \
never get there without extreme tightness, which pinches skin and nerves. Pick a wrap that \
suits the limb (around 5-10 cm is common), use the same one every time, and don't crank a \
narrow band to make up for its width.",
        topic: LearnTopic::Pressure,
        related: &["wrap-or-cuff", "pressure-mmhg", "arms-vs-legs"],
        sources: "Loenneke et al. 2012, Eur J Appl Physiol; Spitz et al. 2024, Physiol Meas",
    },
    FaqEntry {
        id: "wrap-or-cuff",
        question: "Do I need a pressure cuff, or will elastic wraps do?",
        variants: &["can i use any strap or band", "ace bandage or proper bfr bands",
            "knee wraps vs bfr straps", "elastic or non elastic bands",
            "can i use surgical tubing",
            "what equipment do i need for bfr", "can i use a resistance band or a belt"],
        answer: "Elastic wraps work: a study using plain knee wraps on the thighs found muscle \
growth with no signs of muscle damage. You judge the tightness by feel, which varies a bit \
from day to day. A pressure cuff lets you set and read the pressure, so it's more precise. \
Avoid thin tubing, cords and rigid belts: they concentrate pressure on a narrow strip and \
can't be judged. Whichever you use, use the same one every time.",
        topic: LearnTopic::Pressure,
        related: &["kaatsu-vs-wraps", "width", "putting-on"],
        sources: "Wilson et al. 2013, J Strength Cond Res; Bielitzki et al. 2021, JSCR",
    },
    FaqEntry {
        id: "kaatsu-vs-wraps",
        question: "Are expensive KAATSU or pneumatic cuffs worth it over wraps?",
        variants: &["is kaatsu worth the money", "pneumatic cuffs vs elastic bands",
            "why spend money on kaatsu", "do cheap bfr cuffs hold the pressure",
            "which bfr device should i buy", "is the expensive device better",
            "is kaatsu better than wraps"],
        answer: "They're more precise, not more effective. Pneumatic cuffs let you set and \
repeat a pressure; the cheapest KAATSU device was said to cost over $2000. Devices differ too: in a \
2025 test during exercise, three consumer systems stayed within 10% of the target pressure \
only 25-34% of the time, a clinical one 95%. Plain elastic wraps are the cheap way and research shows they \
work; you just judge the tightness by feel.",
        topic: LearnTopic::Pressure,
        related: &["wrap-or-cuff", "names", "pressure-mmhg"],
        sources: "Wilson et al. 2013, JSCR; Frontiers in Sports and Active Living 2025 \
(cuff pressure test)",
    },
    FaqEntry {
        id: "growth-hormone",
        question: "Does BFR really boost growth hormone 290 times?",
        variants: &["is the growth hormone increase real", "does bfr raise testosterone",
            "does occlusion increase igf-1", "anabolic hormones from bfr",
            "is the 290x claim true", "what does bfr do to your hormones"],
        answer: "That claim comes from **Takarada et al. 2000** (the popular article says \
1999): 6 people, one leg exercise, and growth hormone peaking about 290 times a very low \
resting level 15 minutes after exercise. It was a short spike, and muscle growth was not \
measured. Later research showed that short hormone spikes don't drive muscle growth. BFR \
does build muscle, but through the training itself, not hormones.",
        topic: LearnTopic::Evidence,
        related: &["how-it-works", "builds-muscle", "evidence"],
        sources: "Takarada et al. 2000, J Appl Physiol; West et al. 2010, J Appl Physiol",
    },
    FaqEntry {
        id: "is-it-safe",
        question: "Is BFR safe?",
        variants: &["is bfr dangerous", "are bfr bands dangerous",
            "what are the risks of blood flow restriction", "can cutting off blood flow be good",
            "is it risky to tie bands around your arms",
            "do the dangers of bfr outweigh the upside",
            "is occlusion training safe to do", "is it safe"],
        answer: "For healthy people following the guidelines, the record is good. In a survey \
of ~12,600 KAATSU users, blood clots occurred in 0.055% and clots in the lungs in 0.008%; a \
survey of 232 facilities found no serious events, only minor side effects such as \
dizziness, bruising, numbness and itching. Do `/screening` first, stick to light \
loads, 7/10 tightness and the time limits, and learn the stop signs. With any heart or \
circulatory condition, ask your doctor before trying BFR.",
        topic: LearnTopic::Safety,
        related: &["who-should-not", "side-effects", "warning-signs"],
        sources: "Nakajima et al. 2006 (secondary); Yasuda et al. 2017",
    },
    FaqEntry {
        id: "how-it-feels",
        question: "Does BFR hurt? What does it feel like?",
        variants: &["does bfr hurt", "is occlusion training painful",
            "how much does blood flow restriction hurt", "will the cuffs be uncomfortable"],
        answer: "It's uncomfortable, but it shouldn't hurt. The wrap should feel firm and \
tight, about 7/10, never painful. In the sets expect a strong burn and a big pump in the \
last reps, and some soreness the next day at first. Sharp pain, numbness, or a hand or foot \
turning white, blue or cold is not normal: loosen the wrap at once. Less tightness is \
easier to bear: a wrap set to about 60% of occlusion gave responses like a cuff's with less \
discomfort. If pain goes on after training, ask your doctor.",
        topic: LearnTopic::Safety,
        related: &["how-tight", "side-effects", "soreness"],
        sources: "Bell et al. 2018, Physiol Meas; Bielitzki et al. 2024, J Sports Sci Med; \
Yasuda et al. 2017",
    },
    FaqEntry {
        id: "side-effects",
        question: "What side effects are normal?",
        variants: &["what are the side effects of bfr", "is the burn supposed to be this bad",
            "felt dizzy after bfr", "is this much pain normal with occlusion",
            "itchy red skin under the band", "my arms feel like they will explode"],
        answer: "A strong burn during sets, muscle soreness afterwards, light bruising or \
itching under the wrap, and short-lived tingling are common minor effects. If you feel dizzy \
or sick, stop and take the wrap off. **Not normal:** numbness or tingling that lasts, or a \
limb turning white, blue or cold (release the wrap at once); one limb swollen, painful, warm \
or red (see a doctor); muscle pain far beyond normal soreness with dark, cola-coloured urine \
1-3 days later (see a doctor the same day).",
        topic: LearnTopic::Safety,
        related: &["soreness", "bruising", "numbness"],
        sources: "Yasuda et al. 2017 (survey of 232 facilities); ACSM",
    },
    FaqEntry {
        id: "bruising",
        question: "Why did I bruise under the band?",
        variants: &["bruise after bfr", "is bruising normal with occlusion",
            "band left marks on my skin", "tiny red dots under the cuff",
            "does a bruise mean it was too tight",
            "bruises on my arm from the bfr band"],
        answer: "Light bruising or small red dots under the wrap are a known minor effect, \
most often from a wrap that was too tight, too narrow, or twisted. Let it heal before \
wrapping that spot again, and go a little looser (7/10 at most) with a wider, flat wrap. \
If you bruise easily, bruise without a reason, or take medicines that thin the blood, ask \
your doctor before going on with BFR.",
        topic: LearnTopic::Safety,
        related: &["side-effects", "how-tight", "width"],
        sources: "Yasuda et al. 2017",
    },
    FaqEntry {
        id: "numbness",
        question: "My hand or foot goes numb or tingly. Is that OK?",
        variants: &["numb hand with the bfr band", "tingling fingers during occlusion",
            "pins and needles after bfr", "pins and needles in my leg", "can bfr cause nerve damage",
            "my foot fell asleep with the cuff", "my arm or leg goes numb under the band"],
        answer: "Brief tingling can happen, but numbness is a sign the wrap is too tight or \
pressing on a nerve. **Release it at once** if the limb goes numb, or turns white, blue or \
cold. Then go looser next time, use a wider wrap, and keep it high on the limb. If numbness \
or weakness lasts after the wrap is off, see a doctor.",
        topic: LearnTopic::Safety,
        related: &["how-tight", "warning-signs", "width"],
        sources: "Patterson et al. 2019; cuff makers' manuals",
    },
    FaqEntry {
        id: "rhabdo",
        question: "Can BFR cause rhabdomyolysis (muscle breakdown)?",
        variants: &["can occlusion give you rhabdo", "what is rhabdo and how do i avoid it",
            "can bfr cause muscle damage", "dark urine after bfr", "risk of rhabdo with bfr"],
        answer: "It's rare (about 0.008% in a large KAATSU survey), but case reports exist. \
The risk comes from too much too soon: a first session taken to failure, many sets, high \
pressure, being dehydrated, or some medicines (such as statins). So start with one exercise \
and the 30-15-15-15 scheme, build up over weeks, and drink water. **See a doctor the same \
day** for muscle pain far beyond normal soreness with dark, cola-coloured urine 1-3 days \
after training.",
        topic: LearnTopic::Safety,
        related: &["failure", "soreness", "warning-signs"],
        sources: "Nakajima et al. 2006 (secondary); Thompson et al. 2018, Clin J Sport Med",
    },
    FaqEntry {
        id: "blood-clots",
        question: "Can BFR cause blood clots?",
        variants: &["does occlusion increase dvt risk", "risk of vte with bfr",
            "can a tourniquet give you a clot", "blood clot from bfr bands"],
        answer: "In healthy people, rarely: a survey of ~12,600 KAATSU users found clots in \
0.055% and clots in the lungs in 0.008%. The risk rises with a past clot, a clotting disorder, recent surgery or \
immobilisation, cancer, pregnancy and older age: run `/screening`. See a doctor for one \
limb swollen, painful, warm or red. If you have any heart or circulatory condition, ask your \
doctor before trying BFR.",
        topic: LearnTopic::Safety,
        related: &["who-should-not", "is-it-safe", "warning-signs"],
        sources: "Nakajima et al. 2006 (secondary); Nascimento et al. 2022, Front Physiol",
    },
    FaqEntry {
        id: "who-should-not",
        question: "Who is BFR for, and who shouldn't do it?",
        variants: &["who should not use bfr", "what are the contraindications",
            "what might stop me from doing bfr", "is bfr suitable for everyone",
            "who is bfr not safe for", "who is occlusion training meant for",
            "is bfr a good fit for me", "am i a candidate for bfr",
            "do i need my doctor's ok before starting occlusion"],
        answer: "Most healthy adults can try it once `/screening` is clear and they can do \
the exercise for 30 reps without a wrap; it has been studied in lifters, older adults and, \
with a physio, in rehab. But anyone who has had a blood clot or has a clotting disorder, \
vascular disease, a serious heart condition, very high blood pressure, is pregnant, or has \
an injury, wound or swelling on the limb should not start BFR without a doctor. Others, \
such as people with controlled high blood pressure, diabetes, aged 60+ or smokers, need a \
doctor's OK first. If you have any heart or circulatory condition, ask your doctor before \
trying BFR.",
        topic: LearnTopic::Safety,
        related: &["is-it-safe", "blood-clots", "older-adults"],
        sources: "Nascimento et al. 2022, Front Physiol; cuff makers' manuals",
    },
    FaqEntry {
        id: "beginners",
        question: "Can beginners do BFR?",
        variants: &["im new to the gym can i do bfr", "how should i start with occlusion",
            "first time doing bfr", "when should i start bfr",
            "never tried bfr before", "can i try bfr as a beginner",
            "what to expect from my first occlusion session"],
        answer: "Yes, once `/screening` is clear, but learn the exercise first: cuff makers ask \
that you can do 30 reps of it without restriction before adding a wrap. Start with one \
exercise at about 30% of your 1RM, 7/10 tightness and 30-60 second rests, not to failure. \
New lifters also grow well from ordinary training, so BFR is an extra, not a must.",
        topic: LearnTopic::HowTo,
        related: &["load", "putting-on", "failure"],
        sources: "Patterson et al. 2019; cuff makers' manuals",
    },
    FaqEntry {
        id: "supervision",
        question: "Do I need a certificate or a professional to do BFR?",
        variants: &["can i do bfr on my own or do i need a physio",
            "is it ok to do occlusion training at home by myself",
            "should a physio or trainer supervise my bfr",
            "does a physical therapist have to supervise blood flow restriction",
            "is bfr only for clinicians", "do trainers need a course to use occlusion cuffs",
            "is a bfr certification worth getting", "who is allowed to do bfr with clients"],
        answer: "You need no certificate to train with BFR yourself. BFR courses are for \
physios, trainers and coaches who use it with clients; the American Physical Therapy \
Association counts BFR as part of a licensed physio's normal work and asks for competence, \
not an extra certificate. What keeps you safe is the same either way: run `/screening` \
first, learn how tight to set the wrap, start light and short, and know the stop signs. \
If you are coming back from an injury or surgery, or have a health condition, do it with a \
physio or doctor who knows BFR rather than alone.",
        topic: LearnTopic::Safety,
        related: &["who-should-not", "beginners", "rehab"],
        sources: "APTA statement on BFR (quoted by H+ Cuffs); Patterson et al. 2019, Front \
Physiol; Nascimento et al. 2022, Front Physiol",
    },
    FaqEntry {
        id: "older-adults",
        question: "Is BFR suitable for older adults?",
        variants: &["can seniors do bfr", "is occlusion safe for the elderly",
            "bfr for people over 60", "can bfr help with sarcopenia",
            "bfr for my grandparents", "bfr routine for older people",
            "can occlusion slow muscle loss with age"],
        answer: "It's one of the groups BFR is studied for: light loads with a cuff can build \
strength and muscle in older adults who can't lift heavy. But age 60+ also raises the risk \
of clots and heart problems, so **get a doctor's OK first**, run `/screening`, and start \
gently (one exercise, low tightness, supervised if possible). If you have any heart or \
circulatory condition, ask your doctor before trying BFR.",
        topic: LearnTopic::Safety,
        related: &["who-should-not", "beginners", "arthritis"],
        sources: "Eur Rev Aging Phys Act 2022 \
review; Nascimento et al. 2022",
    },
    FaqEntry {
        id: "teenagers",
        question: "Can teenagers do BFR?",
        variants: &["is bfr safe for teens", "how old do you have to be for bfr",
            "can kids use bfr bands", "bfr for youth athletes"],
        answer: "Research in teenagers is limited. One study found practical wraps raised \
squat strength in adolescents, but KAATSU's own manuals say not to use it under 14. A \
teenager who wants to get stronger does best with ordinary, well-coached strength training; \
if BFR is used, do it with a coach or physio, light and short, with a parent's and doctor's \
OK.",
        topic: LearnTopic::Safety,
        related: &["beginners", "who-should-not", "is-it-safe"],
        sources: "Luebbers et al. 2017, J Strength Cond Res; KAATSU user manual; Chen et al. 2025, Medicine (review)",
    },
    FaqEntry {
        id: "women",
        question: "Does BFR work the same for women?",
        variants: &["is bfr good for women", "bfr for female lifters", "bfr in menopause",
            "will women get bulky from occlusion", "bfr while pregnant",
            "do men and women respond differently to bfr"],
        answer: "Yes: many BFR studies include women, and the method and numbers are the same. \
It won't make anyone bulky on its own; it builds muscle like other training. Two cautions: \
**pregnancy and the weeks after birth** are a reason not to start BFR without a doctor, and \
the pill or other oestrogen medicines raise clot risk, so get a doctor's OK first. Run \
`/screening`.",
        topic: LearnTopic::Safety,
        related: &["who-should-not", "builds-muscle", "blood-clots"],
        sources: "Nascimento et al. 2022, Front Physiol; B Strong guidance on pregnancy",
    },
    FaqEntry {
        id: "rehab",
        question: "Can BFR help with rehab after an injury?",
        variants: &["my physio uses bfr, does it help", "bfr to keep muscle while injured",
            "what is bfr used for in physio", "bfr for tendon pain",
            "rehab with blood flow restriction", "can bfr help me recover from an injury",
            "can occlusion prevent muscle atrophy while injured",
            "occlusion for rehab after a knee or ankle injury",
            "what are the benefits of bfr for injury recovery"],
        answer: "BFR has been studied in rehab because light loads put less strain on \
healing tissue. In rehab studies it beat light training alone, though it trailed heavy \
training where that was possible. But an injury, fracture, recent surgery, wound or \
swelling on the limb is a reason **not** to wrap it on your own: do rehab BFR only with \
your doctor's or physio's go-ahead and guidance.",
        topic: LearnTopic::Evidence,
        related: &["after-surgery", "arthritis", "evidence"],
        sources: "Hughes et al. 2017, Br J Sports Med (meta-analysis)",
    },
    FaqEntry {
        id: "after-surgery",
        question: "Can I use BFR after surgery, like an ACL repair?",
        variants: &["when can i start bfr after acl surgery", "bfr after knee surgery",
            "how soon after an operation can i do bfr", "cuff over my incision",
            "bfr after knee replacement",
            "will blood flow restriction speed my recovery after knee surgery"],
        answer: "Only as part of a plan from your surgeon or physio. Clinics use BFR after knee \
surgery, and small trials found better thigh strength, but with measured cuffs and \
supervision. Cuff makers say to wait at least a week after major surgery, never to put a \
cuff over a healing incision, and recent surgery raises the clot risk. So don't wrap an \
operated limb on your own; ask your surgeon or physio when and how.",
        topic: LearnTopic::Safety,
        related: &["rehab", "blood-clots", "who-should-not"],
        sources: "Tennent et al. 2017, Clin J Sport Med; DePhillipo et al. 2018, Arthrosc \
Tech; B Strong guidance",
    },
    FaqEntry {
        id: "arthritis",
        question: "Can BFR help with arthritis or knee pain?",
        variants: &["bfr for knee osteoarthritis", "bfr for bad knees",
            "occlusion for arthritis in the hands, hips or shoulders",
            "will occlusion help my joint pain", "can i do bfr with arthritis"],
        answer: "It can let you strengthen the thigh with light loads that sore knees \
tolerate: in a knee osteoarthritis trial, light-load BFR gave strength gains similar to \
heavier training. But a 2020 review found adding BFR to exercise did not clearly reduce knee pain \
more than exercise alone. Rheumatoid arthritis needs a doctor's OK first. Ask your doctor or \
physio whether it suits your joints.",
        topic: LearnTopic::Evidence,
        related: &["rehab", "older-adults", "evidence"],
        sources: "Ferraz et al. 2018 (secondary); Cuyul-Vásquez et al. 2020, Braz \
J Phys Ther",
    },
    FaqEntry {
        id: "combine-heavy",
        question: "Can I combine BFR with my normal training?",
        variants: &["should i do bfr before or after my workout", "how to add bfr to my routine",
            "bfr as a finisher", "bfr on rest days", "bfr at the end of the workout",
            "use bfr as an add on to normal lifts",
            "how do i fit bfr into the plan i already follow"],
        answer: "Yes, that's the intended use: BFR is an addition to heavy lifting, not a \
replacement, because heavy training still builds more strength. Do your heavy work first and \
finish with one BFR exercise for that muscle, 2-3 times a week. A short BFR arm or calf \
session on a lighter day also works, as long as the muscle has recovered.",
        topic: LearnTopic::HowTo,
        related: &["strength-vs-heavy", "frequency", "bodybuilders"],
        sources: "Patterson et al. 2019; Lixandrão et al. 2018",
    },
    FaqEntry {
        id: "bodybuilders",
        question: "Is BFR useful for experienced lifters and bodybuilders?",
        variants: &["is occlusion good for lagging muscles", "do bodybuilders use bfr",
            "does bfr work for advanced lifters", "bfr to grow stubborn arms", "my arms are stuck, will bfr help them grow",
            "bfr for hypertrophy in trained people"],
        answer: "Yes, as an extra: a BFR finisher adds growth stimulus without more joint \
strain, handy for arms or calves that lag or on a deload week. Most studies used untrained \
or recreational lifters, so gains in advanced lifters are likely smaller. Keep your heavy \
work, add one BFR exercise for the lagging muscle, and track the results.",
        topic: LearnTopic::Benefits,
        related: &["combine-heavy", "builds-muscle", "evidence"],
        sources: "Lixandrão et al. 2018; Loenneke & Pujol 2009, Strength Cond J",
    },
    FaqEntry {
        id: "cardio",
        question: "Can I do BFR while walking, running or cycling?",
        variants: &["can you walk with bfr bands on", "bfr walking", "bfr on the bike",
            "how fast should i walk with cuffs", "bfr cardio", "occlusion on the treadmill"],
        answer: "Studies have used slow walking (about 4-6 km/h) or easy cycling with leg \
cuffs, mostly in untrained or older people, where it gave small gains in strength and \
fitness. In already fit people, 4 weeks of BFR walking changed nothing. Our guidance covers \
BFR with weights, where the evidence is strongest. If you try it, do `/screening` first, \
keep it easy and short, and get advice from a coach or physio who uses BFR.",
        topic: LearnTopic::HowTo,
        related: &["endurance", "time-limit", "older-adults"],
        sources: "Patterson et al. 2019; Herda et al. 2024, J Funct Morphol Kinesiol",
    },
    FaqEntry {
        id: "endurance",
        question: "Is BFR useful for runners, cyclists and other endurance athletes?",
        variants: &["can bfr improve vo2max", "bfr for runners", "bfr for cyclists",
            "pros and cons of bfr for endurance athletes", "will bfr help my stamina"],
        answer: "Possibly, as a small extra. A 2025 meta-analysis of 20 studies found BFR \
added to endurance training gave moderate gains in VO2max; but in trained runners, 4 weeks \
of BFR walking changed nothing. Its clearest use for endurance athletes is light strength \
work with BFR, or keeping the legs strong during an injury, with a coach or physio.",
        topic: LearnTopic::Benefits,
        related: &["cardio", "rehab", "combine-heavy"],
        sources: "Zhang et al. 2025 (meta-analysis, secondary); Herda et al. 2024",
    },
    FaqEntry {
        id: "weight-loss",
        question: "Does BFR help with fat loss?",
        variants: &["can bfr help me lose weight", "does occlusion burn fat",
            "will bfr make me leaner", "bfr for weight loss", "bfr and calories"],
        answer: "Not directly. BFR sessions are short and light, so they burn few calories, and \
an 8-week trial found no change in body composition. It can help you keep or build muscle \
while you diet, which is worth having. Fat loss still comes from eating less than you burn \
and moving more.",
        topic: LearnTopic::Benefits,
        related: &["builds-muscle", "cardio", "results-timeline"],
        sources: "B Strong RCT (8 weeks, no change in body composition); Herda et al. 2024",
    },
    FaqEntry {
        id: "soreness",
        question: "Should I be sore after BFR?",
        variants: &["sore muscles after bfr", "very sore the day after occlusion",
            "does bfr cause doms", "no soreness after bfr, did it work",
            "how to reduce soreness after bfr"],
        answer: "Often, at first. BFR can cause more next-day soreness than ordinary light \
lifting, peaking around 24-48 hours, and it fades after the first few sessions. No soreness \
doesn't mean it didn't work. Ease in (one exercise, not to failure) to keep it mild. Pain far \
beyond normal soreness with dark urine is different: see a doctor the same day.",
        topic: LearnTopic::Safety,
        related: &["side-effects", "rhabdo", "recovery"],
        sources: "Brandner & Warmington 2017, J Strength Cond Res; Umbel et al. 2009, Eur J \
Appl Physiol",
    },
    FaqEntry {
        id: "recovery",
        question: "How much recovery do I need, and does BFR help recovery?",
        variants: &["rest day after bfr", "does bfr speed up recovery",
            "can i use the cuffs without exercising", "recovery period after bfr",
            "passive bfr while sitting", "how tired will i feel after a bfr session",
            "how long to recover between bfr sessions"],
        answer: "Treat a BFR session like any hard set for that muscle: about a day or two \
before training it hard again, more after your first sessions. Claims that BFR speeds up \
recovery or reduces soreness are not settled: a 2022 review found no clear effect. Cuffs \
with no exercise (passive BFR) have been tried mainly after surgery, to slow muscle loss, \
under professional guidance.",
        topic: LearnTopic::Evidence,
        related: &["soreness", "frequency", "rehab"],
        sources: "Medicina 2022 systematic review on DOMS; Patterson et al. 2019",
    },
    FaqEntry {
        id: "warning-signs",
        question: "When should I stop, or call for help?",
        variants: &["when to stop a bfr session", "warning signs during bfr",
            "my skin turned white under the band", "what symptoms mean stop",
            "emergency signs with occlusion"],
        answer: "Take the wrap off and stop at once for chest pain, an irregular heartbeat, \
severe breathlessness, dizziness, confusion, vision problems, pale, blue or cold skin, calf \
pain, or numbness that doesn't fade. **Call emergency services** for chest pain or pressure \
lasting more than a few minutes, or sudden breathlessness, coughing blood or fainting.",
        topic: LearnTopic::Safety,
        related: &["side-effects", "numbness", "blood-clots"],
        sources: "ACSM exercise termination criteria; AHA heart-attack signs",
    },
];
