//! `bfr-coach triage`: one message per input line, one JSON object per output line.

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

use crate::domain::triage::triage;

#[derive(Debug, Serialize)]
struct Verdict<'a> {
    category: &'a str,
    reasons: &'a [String],
}

pub async fn run(
    input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
) -> std::io::Result<()> {
    let mut lines = BufReader::new(input).lines();
    while let Some(line) = lines.next_line().await? {
        let verdict = triage(&line);
        let json = serde_json::to_string(&Verdict {
            category: verdict.category.as_str(),
            reasons: &verdict.reasons,
        })
        .map_err(std::io::Error::other)?;
        output.write_all(json.as_bytes()).await?;
        output.write_all(b"\n").await?;
    }
    output.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_json_line_per_input_line() {
        let input = "how many sets?\nI have a pacemaker\n\n".as_bytes();
        let mut output = Vec::new();
        run(input, &mut output).await.unwrap();
        let text = String::from_utf8(output).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["category"], "fitness");
        assert_eq!(lines[1]["category"], "heart");
        assert!(!lines[1]["reasons"].as_array().unwrap().is_empty());
        assert_eq!(lines[2]["category"], "fitness");
    }
}
