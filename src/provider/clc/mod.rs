//! CenturyLink Cloud (API v1) provider.
