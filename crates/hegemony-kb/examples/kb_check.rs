//! Prints every error of the shipped knowledge base (`cargo run --example kb_check`).
fn main() {
    let c = hegemony_kb::compile(&hegemony_kb::embedded_files());
    for e in &c.errors {
        println!("{e}");
    }
    println!("{} facts, {} errors", c.facts.len(), c.errors.len());
}
