//! How a server-rendered resource carries its data into the page: JSON read back with the same
//! `serde_json::from_slice` the server functions' answers go through. Leptos' default codec reads
//! with `from_str`, which gives each row type a second deserialiser in the WASM.

use leptos::prelude::{OnceResource, Resource};
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// JSON, written as a string and read as bytes.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A resource loaded while the page renders on the server and read back from the page by the
/// browser, in [`Json`].
pub type Loaded<T> = Resource<T, Json>;

/// [`Resource::new`] in [`Json`]: `fetcher(source())`, again whenever `source` changes.
#[track_caller]
pub fn load<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Loaded<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// A resource loaded once per page (nothing it depends on changes), in [`Json`]: lighter in the
/// WASM than a [`Loaded`], which tracks a source and can reload. Read it inside a `Suspense` only:
/// the identity, read outside one too, broke the signed-in pages' hydration as a `LoadedOnce`.
pub type LoadedOnce<T> = OnceResource<T, Json>;

/// [`OnceResource::new`] in [`Json`].
#[track_caller]
pub fn load_once<T>(fut: impl Future<Output = T> + Send + 'static) -> LoadedOnce<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    OnceResource::new_with_options(fut, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_they_were_written() {
        let rows = vec![("i-1".to_string(), Some(3u32)), ("ü \"q\"".to_string(), None)];
        let text = <Json as Encoder<_>>::encode(&rows).unwrap();
        let back: Vec<(String, Option<u32>)> = <Json as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(back, rows);
    }

    #[test]
    fn text_that_is_not_the_type_is_an_error() {
        assert!(<Json as Decoder<Vec<u32>>>::decode("{\"a\":1}").is_err());
        assert!(<Json as Decoder<Vec<u32>>>::decode("[1,").is_err());
    }
}
