//! The spreadsheets the desk exports (XLSX): one sheet with a bold header row that stays in view
//! and carries a filter, and cells typed as what they hold — text, whole numbers, money in tenge,
//! dates — so that a spreadsheet program sorts and sums them in any locale.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::kernel::store::StoreError;

/// One cell of a row.
pub enum Cell {
    Text(String),
    Int(i64),
    /// Tiyn, shown as tenge with two decimals.
    Money(i64),
    Date(NaiveDate),
    Empty,
}

/// A sheet being written, row by row.
pub struct Sheet {
    sheet: Worksheet,
    row: u32,
    columns: u16,
    money: Format,
    date: Format,
}

fn failed(e: XlsxError) -> StoreError {
    StoreError::Export(e.to_string())
}

impl Sheet {
    /// A sheet named `name` with a header row; `columns` are each header and its width in
    /// characters. `date_format` is how dates read (`dd.mm.yyyy`).
    pub fn new(name: &str, columns: &[(&str, f64)], date_format: &str) -> Result<Sheet, StoreError> {
        let mut sheet = Worksheet::new();
        sheet.set_name(name).map_err(failed)?;
        let bold = Format::new().set_bold();
        for (col, (header, width)) in (0u16..).zip(columns) {
            sheet.write_string_with_format(0, col, *header, &bold).map_err(failed)?;
            sheet.set_column_width(col, *width).map_err(failed)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        let columns = u16::try_from(columns.len()).map_err(|_| StoreError::Export("too many columns".into()))?;
        Ok(Sheet {
            sheet,
            row: 0,
            columns,
            money: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format(date_format),
        })
    }

    pub fn push(&mut self, cells: Vec<Cell>) -> Result<(), StoreError> {
        self.row += 1;
        let row = self.row;
        for (col, cell) in (0u16..).zip(cells) {
            let written = match cell {
                Cell::Text(text) if text.is_empty() => continue,
                Cell::Text(text) => self.sheet.write_string(row, col, text),
                // Counts and numbers stay far below 2^53, where f64 is exact.
                Cell::Int(n) => self.sheet.write_number(row, col, n as f64),
                Cell::Money(tiyn) => self.sheet.write_number_with_format(row, col, tiyn as f64 / 100.0, &self.money),
                Cell::Date(day) => self.sheet.write_datetime_with_format(row, col, day, &self.date),
                Cell::Empty => continue,
            };
            written.map_err(failed)?;
        }
        Ok(())
    }

    /// The workbook's bytes, with a filter over every row written.
    pub fn finish(self) -> Result<Vec<u8>, StoreError> {
        Sheet::finish_all(vec![self])
    }

    /// One workbook of `sheets`, in their order, each with a filter over its rows.
    pub fn finish_all(sheets: Vec<Sheet>) -> Result<Vec<u8>, StoreError> {
        let mut book = Workbook::new();
        for mut s in sheets {
            if s.columns > 0 {
                s.sheet.autofilter(0, 0, s.row, s.columns - 1).map_err(failed)?;
            }
            book.push_worksheet(s.sheet);
        }
        book.save_to_buffer().map_err(failed)
    }
}
