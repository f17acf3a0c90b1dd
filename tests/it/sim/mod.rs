//! The simulators on their own: documented behaviour, state, faults.

mod clc;
mod controlepaneel;
mod i3d;
