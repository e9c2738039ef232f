package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.model.PartInfo;

/**
 * A part as the manifest records it and where its stored bytes start in the archive.
 *
 * @param info       the manifest's record of the part; its stored size is the member's size
 * @param dataOffset the archive offset of the member's first data byte
 */
record PartLocation(PartInfo info, long dataOffset) {
}
