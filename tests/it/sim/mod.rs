//! The simulators on their own: documented behaviour, state, faults.

mod clc;
mod clc_sdk;
mod controlepaneel;
mod hostbill;
mod i3d;
