//! A statistics table as CSV and JSON downloads.

use super::StatsTable;
use crate::tables::csv_cell;

impl StatsTable {
    /// Column names of [`to_csv`](Self::to_csv) and keys of [`to_json`](Self::to_json).
    fn export_columns(&self) -> Vec<String> {
        match self {
            StatsTable::Generic(t) => t.headers.clone(),
            StatsTable::Dossier(r) => {
                let mut c = vec!["period"];
                if r.has_unit {
                    c.push("unit");
                }
                c.extend([
                    "received",
                    "resolved_early",
                    "resolved_on_time",
                    "resolved_late",
                    "resolved",
                    "pending",
                ]);
                if r.has_online {
                    c.push("online");
                }
                c.push("on_time_rate");
                if r.has_online {
                    c.push("online_share");
                }
                if r.has_satisfaction {
                    c.push("satisfaction");
                }
                c.into_iter().map(String::from).collect()
            }
        }
    }

    /// Export rows as JSON values, one per export column.
    fn export_rows(&self) -> Vec<Vec<serde_json::Value>> {
        use serde_json::Value;
        let rate = |r: Option<f64>| -> Value {
            r.and_then(|r| serde_json::Number::from_f64((r * 10_000.0).round() / 100.0))
                .map_or(Value::Null, Value::Number)
        };
        match self {
            StatsTable::Generic(t) => t
                .rows
                .iter()
                .zip(&t.values)
                .map(|((_, cells), values)| {
                    cells
                        .iter()
                        .zip(values)
                        .zip(&t.numeric)
                        .map(|((cell, v), numeric)| match (numeric, v) {
                            (true, Some(v)) => json_f64(*v),
                            _ if cell.is_empty() || (*numeric && v.is_none()) => Value::Null,
                            _ => Value::String(cell.clone()),
                        })
                        .collect()
                })
                .collect(),
            StatsTable::Dossier(r) => r
                .rows
                .iter()
                .map(|d| {
                    let f = &d.figures;
                    let mut v: Vec<Value> = vec![d.period.code().into()];
                    if r.has_unit {
                        v.push(d.unit.clone().into());
                    }
                    v.extend(
                        [
                            f.received,
                            f.resolved_early,
                            f.resolved_on_time,
                            f.resolved_late,
                            f.resolved(),
                            f.pending,
                        ]
                        .map(Value::from),
                    );
                    if r.has_online {
                        v.push(f.online.map_or(Value::Null, Value::from));
                    }
                    v.push(rate(f.on_time_rate()));
                    if r.has_online {
                        v.push(rate(f.online_share()));
                    }
                    if r.has_satisfaction {
                        v.push(f.satisfaction.map_or(Value::Null, json_f64));
                    }
                    v
                })
                .collect(),
        }
    }

    /// The table as CSV with a header row. Generic tables come back as read (trimmed, NFC);
    /// dossier reports get the derived columns `resolved`, `on_time_rate` and `online_share`,
    /// rates in percent with two decimals (`99.80`), periods as `2019-Q3`.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let columns = self.export_columns();
        let _ = csv_cell::write_record(&mut w, &columns);
        match self {
            StatsTable::Generic(t) => {
                for (_, cells) in &t.rows {
                    let _ = csv_cell::write_record(&mut w, cells);
                }
            }
            StatsTable::Dossier(_) => {
                for row in self.export_rows() {
                    let record: Vec<String> = row
                        .iter()
                        .zip(&columns)
                        .map(|(v, name)| match v {
                            serde_json::Value::Null => String::new(),
                            serde_json::Value::String(s) => s.clone(),
                            serde_json::Value::Number(n) if name == "on_time_rate" || name == "online_share" => {
                                format!("{:.2}", n.as_f64().unwrap_or(0.0))
                            }
                            other => other.to_string(),
                        })
                        .collect();
                    let _ = csv_cell::write_record(&mut w, &record);
                }
            }
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// The table as JSON: an array of objects keyed by the [`to_csv`](Self::to_csv) column
    /// names, numbers as JSON numbers (rates in percent), `null` for no value.
    pub fn to_json(&self) -> serde_json::Value {
        let columns = self.export_columns();
        serde_json::Value::Array(
            self.export_rows()
                .into_iter()
                .map(|row| serde_json::Value::Object(columns.iter().cloned().zip(row).collect()))
                .collect(),
        )
    }
}

pub(super) fn json_f64(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        return serde_json::Value::from(v as i64);
    }
    serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number)
}
