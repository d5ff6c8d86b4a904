/// A measured point inside a network: passes its input on and shows it to the recorder as layer `index`.
final class MeasurePoint {
    let index: Int
    let name: String

    init(index: Int, name: String) {
        self.index = index
        self.name = name
    }
}
