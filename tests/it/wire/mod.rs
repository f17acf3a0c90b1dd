//! Wire types: the documents' examples parse, odd inputs never panic.

mod clc;
mod controlepaneel;
mod controlepaneel_pull;
mod hostbill;
mod i3d;
