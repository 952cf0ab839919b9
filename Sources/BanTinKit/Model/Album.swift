import Foundation

/// A photo album: `content/albums/<slug>/album.yml` and its photos.
public struct Album: Sendable, Hashable {
    public struct Photo: Sendable, Hashable {
        /// Site path of the photo ("/albums/<slug>/1.jpg").
        public var image: String
        public var caption: String
        /// Line of the photo in album.yml.
        public var line: Int?
        /// For a photo kept in the album's own folder (`file:`): that folder's site path ("/albums/<slug>/"),
        /// which the photo may not lead out of.
        public var folder: String? = nil
    }

    public var sourcePath: String
    public var slug: String
    public var title: String
    public var date: Date
    public var description: String?
    public var photos: [Photo]
}
