/* Page helpers in the style of TRS WCM templates. */
function createPageHTML(total, cur, name, ext) {
  if (total <= 1) return;
  var html = [];
  for (var i = 0; i < total; i++) {
    var href = i == 0 ? name + "." + ext : name + "_" + i + "." + ext;
    html.push(i == cur ? "<span>" + (i + 1) + "</span>" : "<a href=\"" + href + "\">" + (i + 1) + "</a>");
  }
  document.write("共" + total + "页 " + html.join(" "));
}
function doZoom(size) { var c = document.querySelector(".TRS_Editor"); if (c) c.style.fontSize = size + "px"; }
function addFavorite() { alert("请按 Ctrl+D 收藏本站"); }
