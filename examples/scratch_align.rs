use readouts::analysis::align::*;
fn main() {
    let th: f32 = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(0.2);
    let dir = "/work/shared/data/ungdc/Session 77 - 2022";
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        docs.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let mut tw = TermWeights::from_documents(docs.iter().map(|s| s.as_str()));
    let a = std::fs::read_to_string(format!("{dir}/USA_77_2022.txt")).unwrap();
    let b = std::fs::read_to_string(format!("{dir}/CHN_77_2022.txt")).unwrap();
    let t = std::time::Instant::now();
    let al = align(&mut tw, &a, &b, th);
    eprintln!(
        "{:?} {} {} links {} lu {} ru {}",
        t.elapsed(),
        al.left.len(),
        al.right.len(),
        al.links.len(),
        al.left_unmatched.len(),
        al.right_unmatched.len()
    );
    for l in &al.links {
        println!("--- {:.3} {:?}", l.score, l.shared_stems);
        for &i in &l.left {
            println!("  USA: {}", al.left[i].text(&a));
        }
        for &j in &l.right {
            println!("  CHN: {}", al.right[j].text(&b));
        }
    }
}
