//! Precompression of the built SPA: beside each text or wasm file, its
//! brotli (quality 11) and gzip (level 9) forms, which the backend serves
//! by `Accept-Encoding`. Written once at build time, so no request pays
//! for compressing, and the highest levels cost nothing at run time.

use std::io::Write;
use std::path::Path;

/// What is worth compressing: everything Trunk writes but images.
const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "html", "svg", "json"];

pub fn precompress(dist: &Path) -> Result<(), String> {
    for entry in std::fs::read_dir(dist).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let with_suffix = |suffix: &str| {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            name
        };
        std::fs::write(with_suffix(".br"), brotli(&bytes)?).map_err(|e| e.to_string())?;
        std::fs::write(with_suffix(".gz"), gzip(&bytes)?).map_err(|e| e.to_string())?;
    }
    Ok(())
}

pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_forms_decode_to_the_original() {
        let original = "<html>API連携認証</html>".repeat(50).into_bytes();
        let mut from_brotli = Vec::new();
        brotli::Decompressor::new(&brotli(&original).unwrap()[..], 4096).read_to_end(&mut from_brotli).unwrap();
        assert_eq!(from_brotli, original);
        let mut from_gzip = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&original).unwrap()[..]).read_to_end(&mut from_gzip).unwrap();
        assert_eq!(from_gzip, original);
        assert!(brotli(&original).unwrap().len() < original.len() / 10, "repetitive text shrinks");
    }
}
