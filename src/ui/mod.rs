//! Drawing `&State` into a ratatui frame.
