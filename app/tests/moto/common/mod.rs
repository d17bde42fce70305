//! What several of the app's integration tests need.

use app::db::Db;
use app::shared::DbShared;

/// Amazon Linux 2023 in the demo AMI catalogue (`scripts/demo-amis.json`): x86_64 and arm64.
pub const AL2023_X86: &str = "ami-0a1e2d3c4b5a60001";
pub const AL2023_ARM: &str = "ami-0a1e2d3c4b5a60002";

/// The shared store a launch remembers its tokens in: a SQLite file of the test's own.
pub async fn store(name: &str) -> DbShared {
    let path = std::env::temp_dir().join(format!("ec2c-app-{}-{name}.sqlite3", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let db = Db::open(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap();
    DbShared::open(db).await.unwrap()
}
