// Scores for clustering and for similarity judgements.
#ifndef CROSSCHECK_EVAL_BCUBED_H_
#define CROSSCHECK_EVAL_BCUBED_H_

#include <string>
#include <utility>
#include <vector>

namespace crosscheck::eval {

struct BCubed {
  double precision = 0, recall = 0, f1 = 0;
};

// B-cubed (Bagga and Baldwin 1998) of a clustering against gold labels, item i
// labelled gold[i] and clustered as got[i]: per item, precision is the share of
// its cluster that shares its gold label, recall the share of its gold class in
// its cluster; both are averaged over items, and F1 is their harmonic mean.
BCubed ScoreBCubed(const std::vector<std::string>& gold, const std::vector<std::string>& got);

// Extended B-cubed (Amigo, Gonzalo, Artiles and Verdejo 2009) for gold labels
// that overlap: item i belongs to every gold class of gold[i] (one or more) and to
// the one cluster got[i]. For a pair of items, the correctness is
// min(shared clusters, shared classes) over shared clusters (precision) or over
// shared classes (recall), averaged over the pairs that share a cluster (or a
// class) with the item, then over items. With one class per item it is B-cubed.
BCubed ScoreExtendedBCubed(const std::vector<std::vector<std::string>>& gold, const std::vector<std::string>& got);

// The same averaged over the items with gold labels only: an item with none
// (gold[i] empty: one of another part of the data, whose labels must not be read)
// still counts against the precision of the labelled items clustered with it, as
// an item of another class would.
BCubed ScoreExtendedBCubedOfLabelled(const std::vector<std::vector<std::string>>& gold,
                                     const std::vector<std::string>& got);

// Pearson's correlation of (x, y) pairs; 0 when either side is constant.
double Pearson(const std::vector<std::pair<double, double>>& xy);

}  // namespace crosscheck::eval

#endif  // CROSSCHECK_EVAL_BCUBED_H_
