//! Loopback simulators of the provider APIs (placeholder: being written).
