//! Server-only: the saved views' tables, in the console's database beside the audit log.

use super::{check_draft, encode, problems, view_pairs, SavedView, ViewDraft};
use crate::db::{Arg, Db};
use crate::error::AppError;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The saved views' store; cheap to clone.
#[derive(Clone, Debug)]
pub struct SavedViews {
    db: Db,
}

fn store_error(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "saved views store");
    AppError::SessionStore(crate::tr!(views.store_unavailable).into())
}

/// The query's pairs, decoded.
pub fn pairs_of(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// A draft checked as a whole: its fields, then its query for the page (normalised, no problems).
pub fn checked(draft: &ViewDraft) -> Result<ViewDraft, AppError> {
    let mut draft = check_draft(draft)?;
    let pairs = view_pairs(pairs_of(&draft.query));
    if let Some(problem) = problems(&draft.page, &pairs).into_iter().next() {
        return Err(AppError::validation("query", problem));
    }
    draft.query = encode(&pairs);
    Ok(draft)
}

/// A fresh view ID: 16 hex digits of SHA-256 over the owner, the time and a counter.
fn new_id(owner: &str) -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = Sha256::new();
    h.update(owner.as_bytes());
    h.update(crate::audit::ssr::now_ms().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    hex::encode(&h.finalize()[..8])
}

const COLUMNS: &str = "id, owner, page, name, description, query, shared";

impl SavedViews {
    /// Creates the tables in `db` if they are not there.
    pub async fn open(db: Db) -> Result<Self, String> {
        db.create(&[
            "CREATE TABLE IF NOT EXISTS saved_views (id TEXT PRIMARY KEY, account TEXT NOT NULL, \
             owner TEXT NOT NULL, page TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, \
             query TEXT NOT NULL, shared BIGINT NOT NULL, updated_ms BIGINT NOT NULL)"
                .into(),
            "CREATE INDEX IF NOT EXISTS saved_views_page ON saved_views (account, page)".into(),
            "CREATE TABLE IF NOT EXISTS default_views (account TEXT NOT NULL, owner TEXT NOT NULL, \
             page TEXT NOT NULL, view_id TEXT NOT NULL, PRIMARY KEY (account, owner, page))"
                .into(),
        ])
        .await?;
        Ok(Self { db })
    }

    /// The store provided to this request by the server.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>()
            .ok_or_else(|| AppError::internal("SavedViews was not provided to the request"))
    }

    fn view(row: &AnyRow, caller: &str, default: Option<&str>) -> SavedView {
        let id: String = row.get(0);
        let owner: String = row.get(1);
        SavedView {
            is_default: default == Some(id.as_str()),
            mine: owner == caller,
            id,
            owner,
            page: row.get(2),
            name: row.get(3),
            description: row.get(4),
            query: row.get(5),
            shared: row.get::<i64, _>(6) != 0,
        }
    }

    /// `page`'s views that `owner` may open in `account`: their own and the shared ones, by name.
    pub async fn list(&self, account: &str, owner: &str, page: &str) -> Result<Vec<SavedView>, AppError> {
        let default = self
            .db
            .fetch_optional(
                "SELECT view_id FROM default_views WHERE account = $1 AND owner = $2 AND page = $3",
                vec![
                    Arg::Text(account.into()),
                    Arg::Text(owner.into()),
                    Arg::Text(page.into()),
                ],
            )
            .await
            .map_err(store_error)?
            .map(|r| r.get::<String, _>(0));
        let rows = self
            .db
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} FROM saved_views WHERE account = $1 AND page = $2 \
                     AND (owner = $3 OR shared = 1) ORDER BY lower(name), id"
                ),
                vec![
                    Arg::Text(account.into()),
                    Arg::Text(page.into()),
                    Arg::Text(owner.into()),
                ],
            )
            .await
            .map_err(store_error)?;
        Ok(rows
            .iter()
            .map(|r| Self::view(r, owner, default.as_deref()))
            .collect())
    }

    async fn get(&self, account: &str, owner: &str, id: &str) -> Result<SavedView, AppError> {
        let row = self
            .db
            .fetch_optional(
                &format!("SELECT {COLUMNS} FROM saved_views WHERE account = $1 AND id = $2 AND (owner = $3 OR shared = 1)"),
                vec![Arg::Text(account.into()), Arg::Text(id.into()), Arg::Text(owner.into())],
            )
            .await
            .map_err(store_error)?;
        row.map(|r| Self::view(&r, owner, None))
            .ok_or_else(|| AppError::validation("view", crate::tr!(views.no_such_view)))
    }

    /// Refuses a name that another view the caller can see on the page already has.
    async fn check_unique(
        &self,
        account: &str,
        owner: &str,
        draft: &ViewDraft,
        except: &str,
    ) -> Result<(), AppError> {
        let taken = self
            .list(account, owner, &draft.page)
            .await?
            .into_iter()
            .any(|v| v.id != except && v.name.to_lowercase() == draft.name.to_lowercase());
        if taken {
            return Err(AppError::validation(
                "view name",
                crate::tr!(views.name_taken, name = draft.name),
            ));
        }
        Ok(())
    }

    /// Saves a new view owned by `owner`.
    pub async fn create(&self, account: &str, owner: &str, draft: &ViewDraft) -> Result<SavedView, AppError> {
        self.check_unique(account, owner, draft, "").await?;
        let id = new_id(owner);
        self.db
            .execute(
                "INSERT INTO saved_views (id, account, owner, page, name, description, query, shared, updated_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                vec![
                    Arg::Text(id.clone()),
                    Arg::Text(account.into()),
                    Arg::Text(owner.into()),
                    Arg::Text(draft.page.clone()),
                    Arg::Text(draft.name.clone()),
                    Arg::Text(draft.description.clone()),
                    Arg::Text(draft.query.clone()),
                    Arg::Int(i64::from(draft.shared)),
                    Arg::Int(crate::audit::ssr::now_ms()),
                ],
            )
            .await
            .map_err(store_error)?;
        self.get(account, owner, &id).await
    }

    /// Changes a view; only its owner may.
    pub async fn update(
        &self,
        account: &str,
        owner: &str,
        id: &str,
        draft: &ViewDraft,
    ) -> Result<SavedView, AppError> {
        let existing = self.get(account, owner, id).await?;
        if !existing.mine {
            return Err(AppError::NotAllowed(crate::tr!(
                views.only_owner_change,
                owner = existing.owner
            )));
        }
        if existing.page != draft.page {
            return Err(AppError::validation("page", crate::tr!(views.stays_on_page)));
        }
        self.check_unique(account, owner, draft, id).await?;
        self.db
            .execute(
                "UPDATE saved_views SET name = $1, description = $2, query = $3, shared = $4, updated_ms = $5 \
                 WHERE id = $6 AND account = $7 AND owner = $8",
                vec![
                    Arg::Text(draft.name.clone()),
                    Arg::Text(draft.description.clone()),
                    Arg::Text(draft.query.clone()),
                    Arg::Int(i64::from(draft.shared)),
                    Arg::Int(crate::audit::ssr::now_ms()),
                    Arg::Text(id.into()),
                    Arg::Text(account.into()),
                    Arg::Text(owner.into()),
                ],
            )
            .await
            .map_err(store_error)?;
        self.get(account, owner, id).await
    }

    /// Deletes a view (and anyone's default pointing at it); only its owner may.
    pub async fn delete(&self, account: &str, owner: &str, id: &str) -> Result<(), AppError> {
        let existing = self.get(account, owner, id).await?;
        if !existing.mine {
            return Err(AppError::NotAllowed(crate::tr!(
                views.only_owner_delete,
                owner = existing.owner
            )));
        }
        let args = || vec![Arg::Text(id.into()), Arg::Text(account.into())];
        self.db
            .execute("DELETE FROM saved_views WHERE id = $1 AND account = $2", args())
            .await
            .map_err(store_error)?;
        self.db
            .execute(
                "DELETE FROM default_views WHERE view_id = $1 AND account = $2",
                args(),
            )
            .await
            .map_err(store_error)?;
        Ok(())
    }

    /// Sets (or, with `None`, clears) `owner`'s default view of `page`.
    pub async fn set_default(
        &self,
        account: &str,
        owner: &str,
        page: &str,
        id: Option<&str>,
    ) -> Result<(), AppError> {
        let key = || {
            vec![
                Arg::Text(account.into()),
                Arg::Text(owner.into()),
                Arg::Text(page.into()),
            ]
        };
        match id {
            None => self
                .db
                .execute(
                    "DELETE FROM default_views WHERE account = $1 AND owner = $2 AND page = $3",
                    key(),
                )
                .await
                .map(|_| ())
                .map_err(store_error),
            Some(id) => {
                let view = self.get(account, owner, id).await?;
                if view.page != page {
                    return Err(AppError::validation("view", crate::tr!(views.other_page)));
                }
                let mut args = key();
                args.push(Arg::Text(id.into()));
                self.db
                    .execute(
                        "INSERT INTO default_views (account, owner, page, view_id) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (account, owner, page) DO UPDATE SET view_id = excluded.view_id",
                        args,
                    )
                    .await
                    .map(|_| ())
                    .map_err(store_error)
            }
        }
    }
}
