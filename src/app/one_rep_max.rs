//! `/1rm set|estimate|list|history|delete`: the user's one-rep maxes and their history.

use crate::app::exercise::{self, ResolvedExercise};
use crate::app::reply::{join_within, Attachment, Colour, Embed, Reply, EMBED_LIST_CHARS};
use crate::app::settings::local_date;
use crate::chart::{self, ChartSpec, HistoryPoint};
use crate::domain::ids::UserId;
use crate::domain::strength::{estimate_both, format_load, Formula, Unit, Weight};
use crate::error::{AppError, UserError};
use crate::store::{NewOneRepMax, OneRepMaxRecord, OneRepMaxSource, Store, UserSettings};

pub const CHART_FILENAME: &str = "1rm-history.png";
/// History rows shown as text; the chart shows them all.
const HISTORY_ROWS: usize = 15;

use crate::app::challenge::credit_one_rep_max;

const PRIVATE_NOTE: &str = "Only you can see this. Add public:true to share it.";

pub async fn set(
    store: &dyn Store,
    user_id: UserId,
    exercise: &str,
    weight: f64,
    unit: Option<Unit>,
    public: bool,
) -> Result<Reply, AppError> {
    let exercise = exercise::resolve(exercise)?;
    let units = store.user_settings(user_id).await?.units;
    let unit = unit.unwrap_or(units);
    let weight = Weight::from_unit(weight, unit).map_err(|e| UserError::new(e.to_string()))?;
    let saved = store
        .record_one_rep_max(
            user_id,
            &NewOneRepMax {
                exercise: exercise.exercise,
                value_kg: weight.kg(),
                unit_entered: unit,
                source: OneRepMaxSource::Entered,
                reps: None,
            },
        )
        .await?;
    credit_one_rep_max(store, user_id, &saved.exercise.key, saved.value_kg).await;
    let mut shown = format!(
        "**{}**: {}",
        saved.exercise.name,
        format_load(saved.value_kg, units)
    );
    if unit != units {
        shown.push_str(&format!(
            " ({} as entered)",
            format_load(saved.value_kg, unit)
        ));
    }
    let embed = Embed::new("1RM saved", shown)
        .colour(Colour::Success)
        .field(
            "Next",
            format!(
                "Plan a BFR workout from it: `/session exercise:{}`",
                saved.exercise.name
            ),
        );
    Ok(Reply::embed(with_privacy_note(embed, public)).private_unless(public))
}

#[derive(Debug, Clone, PartialEq)]
pub struct EstimateInput {
    pub exercise: String,
    pub weight: f64,
    pub reps: i64,
    pub unit: Option<Unit>,
    pub save: bool,
    pub public: bool,
}

pub async fn estimate(
    store: &dyn Store,
    user_id: UserId,
    input: EstimateInput,
) -> Result<Reply, AppError> {
    let exercise = exercise::resolve(&input.exercise)?;
    let units = store.user_settings(user_id).await?.units;
    let unit = input.unit.unwrap_or(units);
    let weight =
        Weight::from_unit(input.weight, unit).map_err(|e| UserError::new(e.to_string()))?;
    let reps = u32::try_from(input.reps)
        .map_err(|_| UserError::new("Reps must be a whole number from 1 to 12, e.g. `reps:8`."))?;
    let estimate = estimate_both(weight.kg(), reps).map_err(|e| UserError::new(e.to_string()))?;

    let mut embed = Embed::new(
        format!("Estimated 1RM: {}", exercise.exercise.name),
        format!(
            "From **{} × {reps}**, using **{}** ({}).",
            format_load(weight.kg(), unit),
            Formula::Epley.citation(),
            Formula::Epley.formula_text()
        ),
    );
    for formula in Formula::ALL {
        let used = if formula == Formula::Epley {
            " (used)"
        } else {
            ""
        };
        embed = embed.field(
            format!("{}{used}", formula.citation()),
            format!(
                "**{}**\n`{}`",
                format_load(estimate.value_kg(formula), units),
                formula.formula_text()
            ),
        );
    }
    if estimate.is_less_reliable() {
        embed = embed.field(
            "Accuracy",
            "Estimates from more than 10 reps are less accurate: a heavier set of 3-10 reps \
             gives a better number.",
        );
    }
    let saveable = Weight::from_kg(estimate.primary_kg()).is_ok();
    let outcome = if input.save && !saveable {
        "Not saved: the estimate is above the 1000 kg (2200 lb) limit for a 1RM."
    } else if input.save {
        store
            .record_one_rep_max(
                user_id,
                &NewOneRepMax {
                    exercise: exercise.exercise.clone(),
                    value_kg: estimate.primary_kg(),
                    unit_entered: unit,
                    source: OneRepMaxSource::Estimated,
                    reps: Some(reps),
                },
            )
            .await?;
        let key = &exercise.exercise.key;
        credit_one_rep_max(store, user_id, key, estimate.primary_kg()).await;
        "Saved as your current 1RM."
    } else {
        "Not saved. Add save:true to keep it as your 1RM."
    };
    embed = embed.field("Saved?", outcome);
    Ok(Reply::embed(with_privacy_note(embed, input.public)).private_unless(input.public))
}

pub async fn list(store: &dyn Store, user_id: UserId, public: bool) -> Result<Reply, AppError> {
    let settings = store.user_settings(user_id).await?;
    let units = settings.units;
    let records = store.current_one_rep_maxes(user_id).await?;
    if records.is_empty() {
        return Ok(Reply::text(
            "You have no 1RMs stored yet. Add one with `/1rm set exercise:… weight:…`, or \
             estimate one from a set: `/1rm estimate exercise:… weight:… reps:…`.",
        )
        .ephemeral());
    }
    let lines: Vec<String> = records
        .iter()
        .map(|record| {
            format!(
                "**{}**: {} ({} {})",
                record.exercise.name,
                format_load(record.value_kg, units),
                record.source.as_str(),
                local_date(&settings, record.recorded_at).format("%Y-%m-%d")
            )
        })
        .collect();
    let embed = Embed::new("Your 1RMs", join_within(&lines, EMBED_LIST_CHARS));
    Ok(Reply::embed(with_privacy_note(embed, public)).private_unless(public))
}

pub async fn history(
    store: &dyn Store,
    user_id: UserId,
    exercise: &str,
    public: bool,
) -> Result<Reply, AppError> {
    let exercise = exercise::resolve(exercise)?;
    let settings = store.user_settings(user_id).await?;
    let records = store
        .one_rep_max_history(user_id, &exercise.exercise.key)
        .await?;
    if records.is_empty() {
        return Ok(no_one_rep_max(&exercise));
    }
    let mut embed = Embed::new(
        format!("1RM history: {}", exercise.exercise.name),
        history_table(&records, &settings),
    );
    let mut reply = Reply::default();
    match render_chart(&exercise, &records, &settings).await {
        Ok(png) => {
            embed = embed.image(CHART_FILENAME);
            reply.attachments.push(Attachment {
                filename: CHART_FILENAME.to_owned(),
                bytes: png,
            });
        }
        Err(error) => tracing::warn!(%error, "could not draw the history chart"),
    }
    reply.embeds.push(with_privacy_note(embed, public));
    Ok(reply.private_unless(public))
}

pub async fn delete(store: &dyn Store, user_id: UserId, exercise: &str) -> Result<Reply, AppError> {
    let exercise = exercise::resolve(exercise)?;
    let deleted = store
        .delete_one_rep_maxes(user_id, &exercise.exercise.key)
        .await?;
    let text = match deleted {
        0 => format!("You have no 1RM stored for {}.", exercise.exercise.name),
        1 => format!("Deleted your 1RM for {}.", exercise.exercise.name),
        n => format!(
            "Deleted your 1RM for {} and its history ({n} entries).",
            exercise.exercise.name
        ),
    };
    Ok(Reply::text(text).ephemeral())
}

/// What to say when an exercise has no 1RM yet: how to set or estimate one.
pub fn no_one_rep_max(exercise: &ResolvedExercise) -> Reply {
    let name = &exercise.exercise.name;
    Reply::text(format!(
        "You have no 1RM for {name} yet. Set it with `/1rm set exercise:{name} weight:…`, or \
         estimate it from a recent set: `/1rm estimate exercise:{name} weight:… reps:…` \
         (add save:true to keep it)."
    ))
    .ephemeral()
}

fn history_table(records: &[OneRepMaxRecord], settings: &UserSettings) -> String {
    let skipped = records.len().saturating_sub(HISTORY_ROWS);
    let mut lines: Vec<String> = records
        .iter()
        .skip(skipped)
        .map(|record| {
            let how = match (record.source, record.reps) {
                (OneRepMaxSource::Estimated, Some(reps)) => format!("estimated from {reps} reps"),
                (source, _) => source.as_str().to_owned(),
            };
            format!(
                "`{}`  **{}**  {how}",
                local_date(settings, record.recorded_at).format("%Y-%m-%d"),
                format_load(record.value_kg, settings.units)
            )
        })
        .collect();
    if skipped > 0 {
        lines.insert(0, format!("(latest {HISTORY_ROWS} of {})", records.len()));
    }
    lines.join("\n")
}

/// Drawing is CPU work: it runs off the async workers so other commands are not held up.
async fn render_chart(
    exercise: &ResolvedExercise,
    records: &[OneRepMaxRecord],
    settings: &UserSettings,
) -> Result<Vec<u8>, String> {
    let units = settings.units;
    let points: Vec<HistoryPoint> = records
        .iter()
        .map(|record| HistoryPoint {
            date: local_date(settings, record.recorded_at),
            value: units.kg_to_unit(record.value_kg),
            estimated: record.source == OneRepMaxSource::Estimated,
        })
        .collect();
    let title = format!("{} — 1RM", exercise.exercise.name);
    tokio::task::spawn_blocking(move || {
        chart::render_png(&ChartSpec {
            title: &title,
            unit_label: units.as_str(),
            points: &points,
        })
        .map_err(|error| error.to_string())
    })
    .await
    .map_err(|error| error.to_string())?
}

fn with_privacy_note(embed: Embed, public: bool) -> Embed {
    if public {
        embed
    } else {
        embed.footer(PRIVATE_NOTE)
    }
}
