//! Each provider against its simulator over real loopback HTTP.

mod clc;
mod clc_delta;
mod contract;
mod controlepaneel;
mod hostbill;
mod i3d;
mod partial;
