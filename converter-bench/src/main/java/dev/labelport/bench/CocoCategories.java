package dev.labelport.bench;

import java.util.List;

/** The 80 categories of COCO 2017 instances, with the real ids (1..90 less ten gaps) and names. */
final class CocoCategories {
    /** One category as the real file lists it. */
    record Entry(int id, String name, String supercategory) {
    }

    /** The ids COCO 2017 skips: categories of the 2014 paper that were never annotated. */
    static final List<Integer> GAPS = List.of(12, 26, 29, 30, 45, 66, 68, 69, 71, 83);

    static final List<Entry> ALL = List.of(
            new Entry(1, "person", "person"),
            new Entry(2, "bicycle", "vehicle"),
            new Entry(3, "car", "vehicle"),
            new Entry(4, "motorcycle", "vehicle"),
            new Entry(5, "airplane", "vehicle"),
            new Entry(6, "bus", "vehicle"),
            new Entry(7, "train", "vehicle"),
            new Entry(8, "truck", "vehicle"),
            new Entry(9, "boat", "vehicle"),
            new Entry(10, "traffic light", "outdoor"),
            new Entry(11, "fire hydrant", "outdoor"),
            new Entry(13, "stop sign", "outdoor"),
            new Entry(14, "parking meter", "outdoor"),
            new Entry(15, "bench", "outdoor"),
            new Entry(16, "bird", "animal"),
            new Entry(17, "cat", "animal"),
            new Entry(18, "dog", "animal"),
            new Entry(19, "horse", "animal"),
            new Entry(20, "sheep", "animal"),
            new Entry(21, "cow", "animal"),
            new Entry(22, "elephant", "animal"),
            new Entry(23, "bear", "animal"),
            new Entry(24, "zebra", "animal"),
            new Entry(25, "giraffe", "animal"),
            new Entry(27, "backpack", "accessory"),
            new Entry(28, "umbrella", "accessory"),
            new Entry(31, "handbag", "accessory"),
            new Entry(32, "tie", "accessory"),
            new Entry(33, "suitcase", "accessory"),
            new Entry(34, "frisbee", "sports"),
            new Entry(35, "skis", "sports"),
            new Entry(36, "snowboard", "sports"),
            new Entry(37, "sports ball", "sports"),
            new Entry(38, "kite", "sports"),
            new Entry(39, "baseball bat", "sports"),
            new Entry(40, "baseball glove", "sports"),
            new Entry(41, "skateboard", "sports"),
            new Entry(42, "surfboard", "sports"),
            new Entry(43, "tennis racket", "sports"),
            new Entry(44, "bottle", "kitchen"),
            new Entry(46, "wine glass", "kitchen"),
            new Entry(47, "cup", "kitchen"),
            new Entry(48, "fork", "kitchen"),
            new Entry(49, "knife", "kitchen"),
            new Entry(50, "spoon", "kitchen"),
            new Entry(51, "bowl", "kitchen"),
            new Entry(52, "banana", "food"),
            new Entry(53, "apple", "food"),
            new Entry(54, "sandwich", "food"),
            new Entry(55, "orange", "food"),
            new Entry(56, "broccoli", "food"),
            new Entry(57, "carrot", "food"),
            new Entry(58, "hot dog", "food"),
            new Entry(59, "pizza", "food"),
            new Entry(60, "donut", "food"),
            new Entry(61, "cake", "food"),
            new Entry(62, "chair", "furniture"),
            new Entry(63, "couch", "furniture"),
            new Entry(64, "potted plant", "furniture"),
            new Entry(65, "bed", "furniture"),
            new Entry(67, "dining table", "furniture"),
            new Entry(70, "toilet", "furniture"),
            new Entry(72, "tv", "electronic"),
            new Entry(73, "laptop", "electronic"),
            new Entry(74, "mouse", "electronic"),
            new Entry(75, "remote", "electronic"),
            new Entry(76, "keyboard", "electronic"),
            new Entry(77, "cell phone", "electronic"),
            new Entry(78, "microwave", "appliance"),
            new Entry(79, "oven", "appliance"),
            new Entry(80, "toaster", "appliance"),
            new Entry(81, "sink", "appliance"),
            new Entry(82, "refrigerator", "appliance"),
            new Entry(84, "book", "indoor"),
            new Entry(85, "clock", "indoor"),
            new Entry(86, "vase", "indoor"),
            new Entry(87, "scissors", "indoor"),
            new Entry(88, "teddy bear", "indoor"),
            new Entry(89, "hair drier", "indoor"),
            new Entry(90, "toothbrush", "indoor"));

    private CocoCategories() {
    }
}
