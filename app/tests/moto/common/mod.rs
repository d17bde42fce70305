//! What several of the app's integration tests need.

use app::db::Db;
use app::shared::DbShared;

/// The shared store a launch remembers its tokens in: a SQLite file of the test's own.
pub async fn store(name: &str) -> DbShared {
    let path = std::env::temp_dir().join(format!("ec2c-app-{}-{name}.sqlite3", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let db = Db::open(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap();
    DbShared::open(db).await.unwrap()
}
