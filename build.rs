// Migrations are embedded at compile time; a changed migration must trigger a rebuild.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
