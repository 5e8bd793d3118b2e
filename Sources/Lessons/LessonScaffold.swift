import Foundation

/// `lrlab lessons new ID`: a lesson that uses every block type and passes `check`.
public enum LessonScaffold {
  public static func text(id: String, order: Int) -> String {
    let title = id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
      .joined(separator: " ")
    return """
      ---
      id: \(id)
      title: \(title)
      order: \(order)
      format_version: 1
      prerequisites: []
      summary: One sentence for the home screen.
      ---

      # \(title)

      A paragraph with *emphasis*, **strong**, ~~strikethrough~~, `inline code` and a
      [link](https://pytorch.org/docs/stable/optim.html).

      > A block quote: a tip or a warning.

      - A bullet item
        - a nested item
      1. A numbered item
      - [ ] A task item
      - [x] A done task item

      | Scheduler | Steps per |
      |:----------|:---------:|
      | `StepLR`  | epoch     |

      ```python
      for epoch in range(30):
          train_one_epoch()
          scheduler.step()
      ```

      ---

      ```lab id=first-lab model=sine epochs=30 step-every=epoch title="StepLR halves the LR every 10 epochs"
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
      ```

      ```expect
      - final_lr < 0.03
      - final_lr == lr_at_epoch(20)
      - final_val_loss < val_loss_at_epoch(0) on 4/5 seeds
      ```

      ```quiz
      id: first-quiz
      question: Which scheduler halves the LR every 10 epochs in the lab above?
      choices:
        - text: CosineAnnealingLR
          explain: It follows a smooth cosine curve, not fixed drops.
        - text: StepLR
          correct: true
          explain: "`step_size=10, gamma=0.5` does exactly this."
      hints:
        - Look at the scheduler the lab constructs.
      explanation: StepLR multiplies the LR by `gamma` every `step_size` epochs.
      ```

      ```quiz
      id: lr-after-20
      question: With lr=0.1 and StepLR(step_size=10, gamma=0.5), what is the LR after 20 epochs?
      answer: 0.025
      tolerance: 1.0e-9
      source: {lab: first-lab, quantity: "lr_at_epoch(20)"}
      explanation: Two halvings, 0.1 × 0.5².
      ```

      ```checkpoint
      id: ran-first-lab
      text: Run the lab above and watch the LR drop every 10 epochs.
      requires: [ran-lab:\(id)/first-lab, viewed:lr-plot]
      ```

      """
  }
}
