//! The simulators on their own: documented behaviour, state, faults.

mod clc;
mod controlepaneel;
mod hostbill;
mod i3d;
