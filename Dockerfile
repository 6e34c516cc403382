# bfr-coach: build in a full Rust image, run in a small Debian image as a non-root user.
# The binary embeds its migrations and font, so the runtime image needs only CA roots.

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin bfr-coach

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --create-home bfr
COPY --from=build /src/target/release/bfr-coach /usr/local/bin/bfr-coach
USER bfr
WORKDIR /data
# SQLite by default, in the /data volume; set DATABASE_URL for PostgreSQL.
ENV DATABASE_URL=sqlite:///data/bfr-coach.db
VOLUME ["/data"]
EXPOSE 9100
ENTRYPOINT ["bfr-coach"]
CMD ["run"]
