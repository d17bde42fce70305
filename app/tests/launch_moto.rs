//! The launch flow against moto.
