//! The `disputes` binary.

use std::process::ExitCode;

use clap::Parser;
use disputes_server::cli::{Cli, run};

fn main() -> ExitCode {
    // Before any HTTP client (the trace exporter's, the webhook sender's) is built: they
    // share the process's TLS provider.
    disputes_notify::webhook::install_tls();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            report(&format!("cannot start: {error}"));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            report(&failure.to_string());
            ExitCode::from(failure.exit_code())
        }
    }
}

#[allow(clippy::print_stderr)]
fn report(message: &str) {
    eprintln!("disputes: {message}");
}
