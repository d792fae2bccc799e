//! Small builders the migrations share.

use sea_orm_migration::prelude::*;

/// A foreign key from `table.column` to `target.id`.
pub(crate) fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(on_delete)
        .to_owned()
}

/// An index named after its table and columns.
pub(crate) fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index
        .name(format!("ix_{table}_{}", columns.join("_")))
        .table(table);
    for column in columns {
        index.col(*column);
    }
    index.to_owned()
}

/// A unique index named after its table and columns.
pub(crate) fn unique(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = index(table, columns);
    index
        .name(format!("ux_{table}_{}", columns.join("_")))
        .unique();
    index
}

/// Adds `column` to `table`: the whole of a migration that only adds one.
pub(crate) fn add_column(table: &'static str, column: impl IntoColumnDef) -> TableAlterStatement {
    Table::alter().table(table).add_column(column).to_owned()
}

/// Drops `column` from `table`: undoing [`add_column`].
pub(crate) fn drop_column(table: &'static str, column: &'static str) -> TableAlterStatement {
    Table::alter().table(table).drop_column(column).to_owned()
}

/// Drops `tables` in the order given.
pub(crate) async fn drop_tables(
    manager: &SchemaManager<'_>,
    tables: &[&'static str],
) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(*table).to_owned())
            .await?;
    }
    Ok(())
}
