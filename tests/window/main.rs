//! The tests of the real window, in one test binary: the app under Xvfb driven over WebDriver
//! (tauri-driver in front of WebKitWebDriver), each test with a display, a session bus, a
//! sandbox and a driver of its own; and the keychain test against a real Secret Service.

mod support;

mod backup;
mod documents;
mod exports;
mod inbox;
mod instance;
mod keychain;
mod layout;
mod money;
mod offerings;
mod offline;
mod orders;
mod photos;
mod prices;
mod reports;
mod security;
mod staff;
mod today;
mod warranty;
mod words;
mod workshop;
